"""An unseen directory as HSDS 3.0 JSON: full nested services, organizations with their
services, taxonomy terms with parents, null or absent fields, files named in the ways
people name them. Nothing is lost, and the export imports back identical."""

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

from maillage.directory import hsds
from maillage.directory.importer import ImportFailed, import_path
from maillage.directory.models import Organization, Program, ServiceAtLocation, Taxonomy

from .unseen_directory import (
    clear_directory,
    differences,
    export_errors,
    full_directory,
    nest,
    snapshot,
    uid,
)

BARE_ORGANIZATIONS = [
    {"id": uid("bare-1"), "name": "Lire et Écrire Bruxelles", "description": "Alphabétisation"},
    {"id": uid("bare-2"), "name": "Huis van het Nederlands", "description": "Taallessen"},
]


class UnseenJsonTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        translation.activate("en")  # messages are compared as written in the code
        self.tables = full_directory()

    def write(self, name: str, data: Any, *, bom: bool = False) -> Path:
        file = self.folder / name
        file.write_text(
            json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8-sig" if bom else "utf-8"
        )
        return file

    def imported(self, path: Path) -> list[str]:
        try:
            report = import_path(path)
        except ImportFailed as failed:
            self.fail("\n".join(str(p) for p in failed.report.problems))
        return [str(p) for p in report.problems]

    def write_directory(self, *, nulls: bool) -> None:
        tables = self.tables
        self.write(
            "services.json", [nest(tables, "service", r, nulls=nulls) for r in tables["service"]]
        )
        self.write(
            "organizations.json",
            [
                nest(tables, "organization", r, extra=True, nulls=nulls)
                for r in tables["organization"]
            ],
        )
        self.write(
            "locations.json", [nest(tables, "location", r, nulls=nulls) for r in tables["location"]]
        )
        terms = [nest(tables, "taxonomy_term", r, nulls=nulls) for r in tables["taxonomy_term"]]
        self.write("taxonomy_terms.json", list(reversed(terms)))  # children before parents
        self.write(
            "meta_table_description.json",
            nest(tables, "meta_table_description", tables["meta_table_description"][0]),
        )

    def test_nested_json_with_absent_fields_round_trips(self):
        self.tables["funding"][0]["source"] = "COCOM\rFonds social"  # a lone carriage return
        self.write_directory(nulls=False)
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])
        before = snapshot()
        call_command("export_hsds", str(self.folder / "out"), stdout=StringIO())
        self.assertEqual(export_errors(self.folder / "out")[1], [])
        clear_directory()
        self.imported(self.folder / "out")
        self.assertEqual(snapshot(), before)

    def test_long_free_texts_are_kept_whole(self):
        # HSDS sets no length on free text: a long one must neither fail nor be cut.
        long_text = "Sur rendez-vous, au guichet ou par téléphone ; " * 12
        self.tables["schedule"][0]["attending_type"] = long_text
        self.tables["organization"][0]["legal_status"] = long_text
        self.tables["cost_option"][0]["amount_description"] = long_text
        self.tables["required_document"][0]["document"] = long_text
        self.write_directory(nulls=False)
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_nested_json_with_null_fields(self):
        self.write_directory(nulls=True)
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_json_then_the_same_as_json_again_does_not_duplicate(self):
        self.write_directory(nulls=False)
        self.imported(self.folder)
        before = snapshot()
        report = import_path(self.folder)
        self.assertEqual(snapshot(), before)
        self.assertEqual(sum(report.created.values()), 0)

    def test_a_plural_file_name_tells_bare_objects_apart(self):
        # {id, name, description} fits an organization, a program, a taxonomy and a term.
        self.imported(self.write("organizations.json", BARE_ORGANIZATIONS))
        self.assertEqual(
            Organization.objects.filter(pk__in=[o["id"] for o in BARE_ORGANIZATIONS]).count(), 2
        )
        self.assertFalse(Taxonomy.objects.filter(pk=uid("bare-1")).exists())

    def test_a_guess_between_equals_is_reported(self):
        problems = self.imported(self.write("export.json", BARE_ORGANIZATIONS))
        self.assertTrue(
            any(
                p.startswith("export.json:/0: read as taxonomy, but it could also be: organization")
                for p in problems
            ),
            problems,
        )

    def test_bare_services_at_locations(self):
        self.imported(
            self.write("services.json", [nest(self.tables, "service", self.tables["service"][0])])
        )
        sal = {"id": uid("sal-2"), "service_id": uid("service"), "location_id": uid("loc")}
        self.imported(self.write("service_at_locations.json", [sal]))
        self.assertTrue(ServiceAtLocation.objects.filter(pk=uid("sal-2")).exists())

    def test_a_list_tells_its_bare_objects_by_the_others(self):
        organizations = [
            *BARE_ORGANIZATIONS,
            {**BARE_ORGANIZATIONS[0], "id": uid("bare-3"), "email": "a@b.be"},
        ]
        self.assertEqual(self.imported(self.write("annuaire.json", organizations)), [])
        self.assertEqual(
            Organization.objects.filter(pk__in=[o["id"] for o in organizations]).count(), 3
        )

    def test_extension_fields_are_ignored_with_a_warning(self):
        service = nest(self.tables, "service", self.tables["service"][0])
        service["x_internal_code"] = "IX-42"
        problems = self.imported(self.write("export.json", [service]))
        self.assertIn("export.json:/0:x_internal_code: unknown field ignored", problems)
        self.assertEqual(differences({"service": self.tables["service"]}), [])

    def test_a_nested_program_before_the_organization_takes_its_organization(self):
        service = nest(self.tables, "service", self.tables["service"][0])
        service = {"program": service.pop("program"), **service}
        del service["program"]["organization_id"]  # as in the official examples
        self.imported(self.write("service.json", service))
        self.assertEqual(Program.objects.get(pk=uid("program")).organization_id, uid("org"))

    def test_a_file_with_a_byte_order_mark(self):
        self.imported(self.write("organizations.json", BARE_ORGANIZATIONS, bom=True))
        self.assertEqual(Organization.objects.filter(name="Lire et Écrire Bruxelles").count(), 1)

    def test_an_attribute_that_could_not_be_written_as_a_row_is_refused(self):
        attribute = {"id": uid("a"), "taxonomy_term_id": uid("term"), "link_id": uid("org")}
        self.write("attributes.json", [attribute])
        with self.assertRaises(ImportFailed) as caught:
            import_path(self.folder)
        self.assertIn(
            "attributes.json:/0:link_entity: required",
            [str(p) for p in caught.exception.report.errors],
        )

    def test_problems_in_nested_objects_name_their_pointer_and_nothing_is_imported(self):
        service = nest(self.tables, "service", self.tables["service"][0])
        service["service_at_locations"][0]["location"]["location_type"] = "remote"
        del service["phones"][0]["id"]
        service["organization"]["locations"][0]["addresses"][0]["city"] = None
        self.write("services.json", [service])
        before = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        with self.assertRaises(ImportFailed) as caught:
            import_path(self.folder)
        errors = [str(p) for p in caught.exception.report.errors]
        self.assertIn("services.json:/0/phones/0:id: required", errors)
        self.assertIn(
            "services.json:/0/service_at_locations/0/location:location_type: 'remote' is not "
            "one of: physical, postal, virtual",
            errors,
        )
        self.assertIn(
            "services.json:/0/organization/locations/0/addresses/0:city: required", errors
        )
        self.assertEqual(before, {t.name: t.model.objects.count() for t in hsds.tables().values()})
