"""The directory's CSV files never hand a formula to a spreadsheet: the coverage table
and the HSDS tabular export quote a text starting with =, +, -, @, a tab or a carriage
return, and the HSDS import takes the quote off again, so import(export(x)) gives x."""

import csv
import io
import shutil
import tempfile
from pathlib import Path

from django.test import TestCase

from maillage.directory import hsds
from maillage.directory.exporter import export_package
from maillage.directory.importer import import_path
from maillage.directory.models import Location, Organization, Phone, Service
from maillage.orientation.coverage import Cell, Coverage, to_csv

from .test_hsds_export import snapshot

ORG = "5b1d0c1e-6c3e-4b8e-9d7a-000000000001"
SERVICE = "5b1d0c1e-6c3e-4b8e-9d7a-000000000002"
PHONE = "5b1d0c1e-6c3e-4b8e-9d7a-000000000003"
LOCATION = "5b1d0c1e-6c3e-4b8e-9d7a-000000000004"
FORMULAS = {
    "name": '=HYPERLINK("http://x","y")',
    "alternate_name": "@SUM(1)",
    "description": "+cmd|' /C calc'!A0",
    "fees_description": "-2+3",
    "wait_time": "\t=1",
    "alert": "'=already quoted",
}


class CoverageCsvTests(TestCase):
    def test_a_formula_in_a_label_is_quoted_and_numbers_are_not(self):
        cell = Cell("=x", "21004", services=2, unmet_needs=-1)
        data = Coverage(
            domains=[("=x", '=HYPERLINK("http://x","y")')],
            communes=[("21004", "@SUM(1)")],
            cells={("=x", "21004"): cell},
        )
        header, row = list(csv.reader(io.StringIO(to_csv(data))))
        self.assertEqual(
            row, ["'=x", '\'=HYPERLINK("http://x","y")', "21004", "'@SUM(1)", "2", "-1", "ok"]
        )


class HsdsExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        organization = Organization.objects.create(
            id=ORG, name="-Asbl-", description="@asbl sur les réseaux sociaux"
        )
        Service.objects.create(id=SERVICE, organization=organization, status="active", **FORMULAS)
        Phone.objects.create(id=PHONE, service_id=SERVICE, number="+32 2 123 45 67")
        Location.objects.create(
            id=LOCATION, location_type="physical", name="Antenne", latitude=-12.5, longitude=4.35
        )

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def rows(self, table: str) -> list[dict[str, str]]:
        path = self.folder / hsds.tables()[table].path
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def test_every_formula_is_quoted_in_the_csv(self):
        export_package(self.folder)
        (service,) = self.rows("service")
        for column, value in FORMULAS.items():
            with self.subTest(column=column):
                self.assertEqual(service[column], f"'{value}")
        organization = self.rows("organization")[0]
        self.assertEqual(organization["name"], "'-Asbl-")
        self.assertEqual(organization["description"], "'@asbl sur les réseaux sociaux")

    def test_telephone_numbers_and_numbers_are_written_as_they_are(self):
        export_package(self.folder)
        self.assertEqual(self.rows("phone")[0]["number"], "+32 2 123 45 67")
        location = self.rows("location")[0]
        self.assertEqual((location["latitude"], location["longitude"]), ("-12.5", "4.35"))

    def test_the_export_imports_back_identically(self):
        before = snapshot()
        export_package(self.folder)
        for table in reversed(hsds.tables().values()):
            table.model.objects.all().delete()
        import_path(self.folder)
        self.assertEqual(snapshot(), before)
        service = Service.objects.get(pk=SERVICE)
        self.assertEqual({column: getattr(service, column) for column in FORMULAS}, FORMULAS)
