"""An unseen tabular package with every table and every field filled, written in the
ways a valid HSDS 3.0 package may be written: it imports without loss, its export
validates against the official schemas, and the export imports back identical."""

import copy
import json
import shutil
import tempfile
import warnings
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

from maillage.directory import hsds
from maillage.directory.importer import ImportFailed, import_path
from maillage.directory.models import Schedule, Service

from .unseen_directory import (
    clear_directory,
    differences,
    export_errors,
    full_directory,
    snapshot,
    uid,
    write_tables,
)


class UnseenPackageTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        translation.activate("en")  # messages are compared as written in the code
        self.tables = full_directory()

    def imported(self, path: Path) -> list[str]:
        """Import `path`; the problems reported (a failure shows them all)."""
        try:
            report = import_path(path)
        except ImportFailed as failed:
            self.fail("\n".join(str(p) for p in failed.report.problems))
        return [str(p) for p in report.problems]

    def test_every_table_and_field_round_trips(self):
        write_tables(self.folder / "in", self.tables)
        self.assertEqual(self.imported(self.folder / "in"), [])
        self.assertEqual(differences(self.tables), [])
        before = snapshot()
        call_command("export_hsds", str(self.folder / "out"), stdout=StringIO())
        rows, errors = export_errors(self.folder / "out")
        self.assertEqual(errors, [])
        self.assertGreater(rows, 40)
        clear_directory()
        self.imported(self.folder / "out")
        self.assertEqual(snapshot(), before)

    def test_bom_crlf_and_columns_in_another_order(self):
        write_tables(self.folder, self.tables, bom=True, newline="\r\n", reverse_columns=True)
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_files_in_a_sub_folder_listed_without_schemas(self):
        paths = {name: f"data/{hsds.tables()[name].path}" for name in self.tables}
        descriptor = {
            "name": "annuaire-ixelles",
            "resources": [{"name": name, "path": paths[name]} for name in self.tables],
        }
        write_tables(self.folder, self.tables, descriptor=descriptor, paths=paths)
        self.assertEqual(self.imported(self.folder / "datapackage.json"), [])
        self.assertEqual(differences(self.tables), [])

    def test_a_descriptor_with_a_byte_order_mark(self):
        paths = {name: f"tables/{hsds.tables()[name].path}" for name in self.tables}
        descriptor = {"resources": [{"name": n, "path": paths[n]} for n in self.tables]}
        write_tables(self.folder, self.tables, descriptor=descriptor, paths=paths)
        file = self.folder / "datapackage.json"
        file.write_text(file.read_text(), encoding="utf-8-sig")
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_resources_named_after_their_files(self):
        specs = hsds.tables()
        descriptor = {
            "resources": [
                {"name": specs[name].path.removesuffix(".csv").replace("_", "-"), "path": path}
                for name in self.tables
                for path in [f"csv/{specs[name].path}"]
            ]
        }
        paths = {name: f"csv/{specs[name].path}" for name in self.tables}
        write_tables(self.folder, self.tables, descriptor=descriptor, paths=paths)
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_a_semicolon_dialect_and_a_declared_encoding(self):
        descriptor = copy.deepcopy(hsds.datapackage())
        for resource in descriptor["resources"]:
            resource["dialect"] = {"delimiter": ";"}
            resource["encoding"] = "UTF-8"
        write_tables(self.folder, self.tables, descriptor=descriptor, delimiter=";")
        self.assertEqual(self.imported(self.folder), [])
        self.assertEqual(differences(self.tables), [])

    def test_semicolons_without_a_dialect_are_recognised_with_a_warning(self):
        write_tables(self.folder, {"taxonomy": self.tables["taxonomy"]}, delimiter=";")
        problems = self.imported(self.folder / "taxonomies.csv")
        self.assertIn("taxonomies.csv:1: columns separated by ';', not commas", problems)
        self.assertEqual(differences({"taxonomy": self.tables["taxonomy"]}), [])

    def test_only_the_required_columns(self):
        for name, rows in self.tables.items():
            spec = hsds.tables()[name]
            keep = spec.required | spec.tabular_required
            keep |= {c.name for c in spec.columns if c.required_fk}
            self.tables[name] = [{c: v for c, v in row.items() if c in keep} for row in rows]
        write_tables(self.folder, self.tables)
        self.imported(self.folder)
        self.assertEqual(differences(self.tables), [])

    def test_a_zip_archive_of_the_package(self):
        write_tables(self.folder / "archive" / "annuaire", self.tables)
        shutil.make_archive(str(self.folder / "annuaire"), "zip", self.folder / "archive")
        self.assertEqual(self.imported(self.folder / "annuaire.zip"), [])
        self.assertEqual(differences(self.tables), [])

    def test_date_times_with_and_without_offsets(self):
        written = [
            "2024-03-15T10:30:45.123Z",
            "2024-03-15T10:30:45+01:00",
            "2024-07-01T08:00:00-04:00",
            "2024-07-01T08:00:00",  # local time of the site (Brussels, summer: +02:00)
            "2024-01-05 10:00",
        ]
        services = []
        for index, text in enumerate(written):
            services.append(
                {**self.tables["service"][0], "id": uid(f"s{index}"), "last_modified": text}
            )
        tables = {
            "organization": self.tables["organization"],
            "program": self.tables["program"],
            "service": services,
        }
        write_tables(self.folder, tables, descriptor={})
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)  # no naive date-time stored
            self.imported(self.folder)
        self.assertEqual(differences(tables), [])
        stored = Service.objects.get(pk=uid("s3")).last_modified
        self.assertEqual(hsds.to_text(stored), "2024-07-01T06:00:00Z")

    def test_a_time_with_an_offset_is_kept_as_a_local_time_with_a_warning(self):
        self.tables["schedule"][0]["opens_at"] = "09:30:00+01:00"
        write_tables(self.folder, self.tables)
        problems = self.imported(self.folder)
        self.assertIn(
            "schedules.csv:2:opens_at: '09:30:00+01:00': the time zone is ignored "
            "(a schedule gives it in timezone)",
            problems,
        )
        self.assertEqual(Schedule.objects.get(pk=uid("schedule")).opens_at.isoformat(), "09:30:00")

    def test_importing_twice_updates_without_duplicates(self):
        write_tables(self.folder, self.tables)
        self.imported(self.folder)
        before = snapshot()
        counts = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        report = import_path(self.folder)
        self.assertEqual(snapshot(), before)
        self.assertEqual(counts, {t.name: t.model.objects.count() for t in hsds.tables().values()})
        self.assertEqual(sum(report.created.values()), 0)


class UnseenInvalidPackageTests(TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        translation.activate("en")  # messages are compared as written in the code
        self.tables = full_directory()

    def assert_refused(self, path: Path, expected: list[str]) -> None:
        before = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        with self.assertRaises(ImportFailed) as caught:
            import_path(path)
        errors = [str(p) for p in caught.exception.report.errors]
        for message in expected:
            self.assertTrue(any(e.startswith(message) for e in errors), (message, errors))
        self.assertEqual(before, {t.name: t.model.objects.count() for t in hsds.tables().values()})

    def test_every_problem_is_reported_at_once_with_file_row_and_field(self):
        self.tables["service"][0]["status"] = "open"
        self.tables["phone"][0]["id"] = ""
        self.tables["service_at_location"][0]["location_id"] = uid("nowhere")
        write_tables(self.folder, self.tables)
        self.assert_refused(
            self.folder,
            [
                "services.csv:2:status: 'open' is not one of: active, inactive, defunct, "
                "temporarily closed",
                "phones.csv:2:id: required",
                f"service_at_location.csv:2:location_id: no location with id {uid('nowhere')!r}",
            ],
        )

    def test_a_record_over_several_lines_is_reported_at_its_first_line(self):
        self.tables["service"][0]["status"] = "open"  # its description holds a line break
        write_tables(self.folder, self.tables)
        self.assert_refused(
            self.folder,
            [
                "services.csv:2:status: 'open' is not one of: active, inactive, defunct, "
                "temporarily closed"
            ],
        )

    def test_a_file_in_an_undeclared_encoding_is_reported(self):
        (self.folder / "organizations.csv").write_bytes(
            f"id,name,description\n{uid('o')},Crèche,x\n".encode("latin-1")
        )
        self.assert_refused(
            self.folder,
            ["organizations.csv: cannot read this CSV file ('utf-8' codec can't decode byte 0xe8"],
        )

    def test_a_declared_encoding_is_used(self):
        (self.folder / "organizations.csv").write_bytes(
            f"id,name,description\n{uid('o')},Crèche,x\n".encode("latin-1")
        )
        descriptor = {
            "resources": [
                {"name": "organization", "path": "organizations.csv", "encoding": "latin-1"}
            ]
        }
        (self.folder / "datapackage.json").write_text(json.dumps(descriptor))
        import_path(self.folder)
        self.assertEqual(differences({"organization": [{"id": uid("o"), "name": "Crèche"}]}), [])

    def test_a_package_whose_files_are_all_missing_is_refused(self):
        descriptor = {"resources": [{"name": "service", "path": "data/services.csv"}]}
        (self.folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        self.assert_refused(self.folder, ["datapackage.json: no table of the package was found"])
