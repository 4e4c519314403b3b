"""Import of HSDS 3.0 data: the official examples, an unseen Brussels directory, errors,
re-import."""

import csv
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from maillage.directory import hsds, life_domains
from maillage.directory.importer import ImportFailed, commune_of, import_path
from maillage.directory.models import Organization, Service, ServiceArea, TaxonomyTerm

from .hsds_checks import EXAMPLES, JSON_EXAMPLES, compare_csv_folder, compare_json, load_example

ORG = "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0001"
SERVICE = "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0002"
SERVICE_2 = "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0003"
LOCATION = "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0004"

# A small directory nobody has seen: Brussels services, communes by NIS code, URI and name.
UNSEEN = {
    "organizations.csv": [
        ["id", "name", "description", "email", "website", "year_incorporated"],
        [
            ORG,
            "Maison médicale du Canal",
            "Soins de première ligne",
            "info@example.org",
            "https://example.org",
            "1998",
        ],
    ],
    "services.csv": [
        [
            "id",
            "organization_id",
            "name",
            "description",
            "status",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "last_modified",
            "eligibility_description",
        ],
        [
            SERVICE,
            ORG,
            "Consultations sans rendez-vous",
            "Médecine générale, kiné, santé mentale",
            "active",
            "18",
            "",
            "2024-05-02",
            "2024-05-02T09:30:00+02:00",
            "Adultes habitant Molenbeek ou Bruxelles",
        ],
        [
            SERVICE_2,
            ORG,
            "Zitdag sociale dienst",
            "Sociale begeleiding, schulden",
            "temporarily closed",
            "",
            "25.5",
            "",
            "",
            "",
        ],
    ],
    "locations.csv": [
        ["id", "location_type", "organization_id", "name", "latitude", "longitude"],
        [LOCATION, "physical", ORG, "Antenne Canal", "50.8546", "4.3376"],
    ],
    "addresses.csv": [
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        [
            "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0005",
            LOCATION,
            "Quai de l'Industrie 1",
            "Molenbeek-Saint-Jean",
            "Bruxelles-Capitale",
            "1080",
            "BE",
            "physical",
        ],
    ],
    "service_at_location.csv": [
        ["id", "service_id", "location_id", "description"],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0006", SERVICE, LOCATION, "Au rez-de-chaussée"],
    ],
    "service_areas.csv": [
        ["id", "service_id", "name", "extent", "uri"],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0007", SERVICE, "Molenbeek", "21012", ""],
        [
            "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0008",
            SERVICE,
            "Centre",
            "",
            "https://statbel.fgov.be/nis/21004",
        ],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0009", SERVICE_2, "Sint-Jans-Molenbeek", "", ""],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0010", SERVICE_2, "Halle-Vilvoorde", "", ""],
    ],
    "phones.csv": [
        ["id", "service_id", "number", "extension", "type"],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0011", SERVICE, "02 000 00 00", "12", "voice"],
    ],
    "languages.csv": [
        ["id", "service_id", "name", "code"],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0012", SERVICE, "Français", "fr"],
        ["0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0013", SERVICE, "العربية", "ar"],
    ],
    "schedules.csv": [
        ["id", "service_id", "freq", "byday", "opens_at", "closes_at", "wkst"],
        [
            "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0014",
            SERVICE,
            "WEEKLY",
            "MO,WE",
            "09:00:00",
            "12:30:00",
            "MO",
        ],
    ],
    "attributes.csv": [
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
        [
            "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f0015",
            SERVICE,
            life_domains.term_id("physical_health"),
            "life_domain",
            "service",
            "",
        ],
    ],
}


def write_package(folder: Path, tables: dict[str, list[list[str]]]) -> Path:
    for name, rows in tables.items():
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    shutil.copy(hsds.DATA / "datapackage.json", folder / "datapackage.json")
    return folder


class OfficialExamplesTests(TestCase):
    def test_the_tabular_example_imports_without_loss(self):
        report = import_path(EXAMPLES / "csv")
        checked, differences = compare_csv_folder(EXAMPLES / "csv")
        self.assertEqual(differences, [])
        self.assertGreater(checked, 150)
        self.assertEqual(sum(report.created.values()), 21)  # one row in each of 21 tables

    def test_the_tabular_example_through_its_datapackage_json(self):
        import_path(EXAMPLES / "csv" / "datapackage.json")
        self.assertEqual(Service.objects.get().name, "Community Counselling")

    def test_every_json_example_imports_without_loss(self):
        for name in JSON_EXAMPLES:
            with self.subTest(name):
                import_path(EXAMPLES / name)
                checked, differences = compare_json(load_example(name), name)
                self.assertEqual(differences, [])
                if name != "base.json":
                    self.assertGreater(checked, 3)

    def test_the_last_import_wins_without_duplicates(self):
        # The official CSV and JSON examples disagree on a few references (a contact's
        # service_at_location_id…): whichever is imported last is what is stored.
        import_path(EXAMPLES / "service_full.json")
        import_path(EXAMPLES / "csv")
        self.assertEqual(compare_csv_folder(EXAMPLES / "csv")[1], [])
        import_path(EXAMPLES / "service_full.json")
        self.assertEqual(compare_json(load_example("service_full.json"), "s")[1], [])
        self.assertEqual(Service.objects.count(), 1)

    def test_dangling_optional_references_are_kept_and_reported(self):
        report = import_path(EXAMPLES / "csv")
        parent = "cd09a387-91f4-4555-94ec-e799c35344cd"
        organization = Organization.objects.get()
        self.assertIsNone(organization.parent_organization)
        self.assertEqual(organization.unresolved, {"parent_organization_id": parent})
        self.assertTrue(
            any("organizations.csv:2:parent_organization_id" in str(w) for w in report.warnings)
        )

    def test_a_kept_reference_resolves_when_its_object_arrives(self):
        import_path(EXAMPLES / "csv")
        term = TaxonomyTerm.objects.get(pk="3f7b145d-84af-42d7-8fae-eaca714b02b2")
        self.assertIsNone(term.taxonomy_detail)
        import_path(EXAMPLES / "taxonomy_term.json")  # names taxonomy 5c4d79d7…
        term.refresh_from_db()
        self.assertEqual(term.taxonomy_detail_id, "5c4d79d7-cc55-470e-9f1f-8cad074e4892")


class UnseenDirectoryTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_an_unseen_brussels_directory_imports_without_loss(self):
        write_package(self.folder, UNSEEN)
        import_path(self.folder)
        checked, differences = compare_csv_folder(self.folder)
        self.assertEqual(differences, [])
        self.assertGreater(checked, 60)
        self.assertEqual(
            life_domains.domains_of(Service.objects.get(pk=SERVICE)), ["physical_health"]
        )

    def test_communes_come_from_nis_codes_uris_and_names(self):
        write_package(self.folder, UNSEEN)
        report = import_path(self.folder)
        communes = dict(ServiceArea.objects.values_list("name", "commune"))
        self.assertEqual(
            communes,
            {
                "Molenbeek": "21012",
                "Centre": "21004",
                "Sint-Jans-Molenbeek": "21012",
                "Halle-Vilvoorde": "",
            },
        )
        self.assertTrue(any("no Brussels commune" in str(w) for w in report.warnings))

    def test_commune_of(self):
        self.assertEqual(commune_of("https://example.org/nis/21016"), "21016")
        self.assertEqual(commune_of("", "Sint-Gillis"), "21013")
        self.assertEqual(commune_of("ixelles"), "21009")
        self.assertEqual(commune_of("Woluwe-Saint-Pierre"), "21019")
        self.assertEqual(commune_of("21099", "Leuven"), "")

    def test_re_import_updates_instead_of_duplicating(self):
        write_package(self.folder, UNSEEN)
        import_path(self.folder)
        counts = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        changed = {**UNSEEN, "services.csv": [list(r) for r in UNSEEN["services.csv"]]}
        changed["services.csv"][1][2] = "Consultations (nouvel horaire)"
        write_package(self.folder, changed)
        report = import_path(self.folder)
        self.assertEqual(counts, {t.name: t.model.objects.count() for t in hsds.tables().values()})
        self.assertEqual(Service.objects.get(pk=SERVICE).name, "Consultations (nouvel horaire)")
        self.assertEqual(report.updated["service"], 2)
        self.assertEqual(report.created["service"], 0)

    def broken(self, table: str, row: int, column: str, value: str) -> None:
        rows = [list(r) for r in UNSEEN[table]]
        rows[row][rows[0].index(column)] = value
        write_package(self.folder, {**UNSEEN, table: rows})

    def assert_refused(self, expected: list[str]) -> None:
        before = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        with self.assertRaises(ImportFailed) as caught:
            import_path(self.folder)
        messages = [str(p) for p in caught.exception.report.errors]
        for fragment in expected:
            self.assertTrue(any(fragment in m for m in messages), (fragment, messages))
        self.assertEqual(before, {t.name: t.model.objects.count() for t in hsds.tables().values()})

    def test_a_missing_required_field_is_reported_and_nothing_imported(self):
        self.broken("services.csv", 1, "name", "")
        self.assert_refused(["services.csv:2:name: required"])

    def test_a_bad_uuid_is_reported(self):
        self.broken("phones.csv", 1, "id", "not-a-uuid")
        self.assert_refused(["phones.csv:2:id: 'not-a-uuid' is not a UUID"])

    def test_a_dangling_required_reference_is_reported(self):
        self.broken("services.csv", 2, "organization_id", "0f4cbb6e-3c38-4b0e-9a54-3b0b6a5f9999")
        self.assert_refused(["services.csv:3:organization_id: no organization with id"])

    def test_a_bad_enum_is_reported(self):
        self.broken("services.csv", 1, "status", "open")
        self.assert_refused(["services.csv:2:status: 'open' is not one of: active"])

    def test_bad_numbers_dates_and_times_are_reported_together(self):
        rows = [list(r) for r in UNSEEN["services.csv"]]
        rows[1][rows[0].index("minimum_age")] = "eighteen"
        rows[1][rows[0].index("assured_date")] = "02/05/2024"
        schedules = [list(r) for r in UNSEEN["schedules.csv"]]
        schedules[1][schedules[0].index("opens_at")] = "9h"
        write_package(self.folder, {**UNSEEN, "services.csv": rows, "schedules.csv": schedules})
        self.assert_refused(
            [
                "services.csv:2:minimum_age: 'eighteen' is not a number",
                "services.csv:2:assured_date",
                "schedules.csv:2:opens_at",
            ]
        )

    def test_json_problems_name_the_json_pointer(self):
        file = self.folder / "service.json"
        service = load_example("service_full.json")
        service["phones"][0].pop("number")
        service["status"] = "closed"
        file.write_text(__import__("json").dumps(service))
        self.assert_refused(
            ["service.json:/phones/0:number: required", "service.json:/:status: 'closed'"]
        )

    def test_the_command_exits_non_zero_and_lists_the_problems(self):
        self.broken("services.csv", 1, "status", "open")
        errors = StringIO()
        with self.assertRaises(CommandError):
            call_command("import_hsds", str(self.folder), stderr=errors, stdout=StringIO())
        self.assertIn("services.csv:2:status", errors.getvalue())
        self.assertFalse(Service.objects.exists())

    def test_the_command_imports(self):
        write_package(self.folder, UNSEEN)
        out = StringIO()
        call_command("import_hsds", str(self.folder), stdout=out, stderr=StringIO())
        self.assertIn("service: 2 created", out.getvalue())
        self.assertEqual(Service.objects.count(), 2)


class LifeDomainTaxonomyTests(TestCase):
    def test_the_migration_installed_the_eleven_domains(self):
        terms = TaxonomyTerm.objects.filter(taxonomy_detail_id=life_domains.TAXONOMY_ID)
        self.assertEqual(terms.count(), 11)
        term = terms.get(pk=life_domains.term_id("mental_health"))
        self.assertEqual((term.code, term.name), ("mental_health", "santé mentale"))
        self.assertEqual(life_domains.labels("housing")["nl"], "huisvesting")
