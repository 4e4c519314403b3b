"""The funding export never hands a formula to a spreadsheet: a participant's name,
organisation or profession starting with =, +, -, @, a tab or a carriage return is
quoted in the CSV and in the XLSX; telephone-like text, numbers and dates are not."""

import io

from openpyxl import load_workbook

from maillage.network.models import Actor

from ..models import Invitation
from .test_export_funding import ExportTestCase, read_csv

NAME = '=HYPERLINK("http://x","y")'
ORGANISATION = "@SUM(1)"
PROFESSION = "+cmd|' /C calc'!A0"
REPRESENTS = "-2+3"
OTHER_PROFESSION = "\t=1"


class FormulaInjectionTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Actor.objects.filter(pk=cls.actors["gp"].pk).update(
            name=NAME, organisation=ORGANISATION, profession=PROFESSION
        )
        Actor.objects.filter(pk=cls.actors["nurse"].pk).update(
            profession=OTHER_PROFESSION, organisation="+32 2 123 45 67"
        )
        Invitation.objects.filter(conference=cls.held, actor=cls.actors["psychiatrist"]).update(
            represents=REPRESENTS
        )

    def test_the_csv_quotes_every_formula(self):
        cells = [cell for row in read_csv(self.download(self.camille)) for cell in row]
        for value in (NAME, ORGANISATION, PROFESSION, REPRESENTS, OTHER_PROFESSION):
            with self.subTest(value=value):
                self.assertIn(f"'{value}", cells)
                self.assertNotIn(value, cells)
        self.assertFalse([c for c in cells if c.startswith(("=", "@", "\t", "\r"))], cells)
        self.assertFalse([c for c in cells if c.startswith(("+", "-")) and "+" in c[1:]])

    def test_the_xlsx_holds_text_not_formulas(self):
        response = self.download(self.camille, format="xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
        self.assertFalse([c.coordinate for c in cells if c.data_type == "f"])
        values = [c.value for c in cells]
        for value in (NAME, ORGANISATION, PROFESSION, REPRESENTS, OTHER_PROFESSION):
            with self.subTest(value=value):
                self.assertIn(f"'{value}", values)
                self.assertNotIn(value, values)

    def test_numbers_dates_and_telephone_numbers_stay_as_they_are(self):
        rows = read_csv(self.download(self.camille))
        self.assertIn("+32 2 123 45 67", [cell for row in rows for cell in row])
        self.assertEqual(rows[1][0], "2025-03-03")
        sheet = load_workbook(io.BytesIO(self.download(self.camille, format="xlsx").content))
        first = next(sheet.active.iter_rows(min_row=2, max_row=2))
        self.assertEqual(first[0].data_type, "d")
        self.assertIsInstance(first[11].value, int)  # duration in minutes
