"""Export as an HSDS 3.0 tabular package: official layout, valid against the official
JSON schemas, and import(export(x)) gives x back, field by field, over every table."""

import csv
import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from maillage.directory import hsds
from maillage.directory.demo import seed_directory
from maillage.directory.importer import import_path

from .hsds_checks import EXAMPLES, csv_row_to_json, registry, validator


def snapshot() -> dict[str, dict[str, dict]]:
    """Every object of every table as its HSDS row."""
    return {
        table.name: {obj.pk: hsds.row(obj, table) for obj in table.model.objects.all()}
        for table in hsds.tables().values()
    }


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_path(EXAMPLES / "csv")
        seed_directory(synthetic=12, seed=3)

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_the_package_has_the_official_files_and_columns(self):
        call_command("export_hsds", str(self.folder), stdout=StringIO())
        official = json.loads((hsds.DATA / "datapackage.json").read_text())
        written = json.loads((self.folder / "datapackage.json").read_text())
        self.assertEqual(written, official)
        for resource in official["resources"]:
            with (self.folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            self.assertEqual(header, [f["name"] for f in resource["schema"]["fields"]])

    def test_every_row_validates_against_the_official_schema(self):
        call_command("export_hsds", str(self.folder), stdout=StringIO())
        reg = registry()
        rows, errors = 0, []
        for table in hsds.tables().values():
            check = validator(table.name, reg)
            with (self.folder / table.path).open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), 2):
                    rows += 1
                    errors += [
                        f"{table.path}:{line}: {error.message}"
                        for error in check.iter_errors(csv_row_to_json(table, row))
                    ]
        self.assertEqual(errors, [])
        self.assertGreater(rows, 150)

    def test_a_broken_row_would_fail_the_schema(self):
        check = validator("service", registry())
        self.assertTrue(list(check.iter_errors({"id": "x", "name": "n", "status": "open"})))
        self.assertTrue(list(check.iter_errors({"id": "x", "name": "n", "minimum_age": "12"})))

    def test_import_of_the_export_reproduces_every_table_field_by_field(self):
        before = snapshot()
        call_command("export_hsds", str(self.folder), stdout=StringIO())
        for table in reversed(list(hsds.tables().values())):
            table.model.objects.all().delete()
        self.assertEqual(sum(len(rows) for rows in snapshot().values()), 0)
        import_path(self.folder)
        after = snapshot()
        for name, rows in before.items():
            self.assertEqual(set(after[name]), set(rows), name)
            for object_id, row in rows.items():
                self.assertEqual(after[name][object_id], row, f"{name} {object_id}")
        self.assertGreater(len(before["service"]), 15)

    def test_export_twice_gives_the_same_files(self):
        export_a, export_b = self.folder / "a", self.folder / "b"
        call_command("export_hsds", str(export_a), stdout=StringIO())
        import_path(export_a)
        call_command("export_hsds", str(export_b), stdout=StringIO())
        for table in hsds.tables().values():
            self.assertEqual(
                (export_a / table.path).read_text(), (export_b / table.path).read_text()
            )
