"""Cells of our exports: a text a spreadsheet would run as a formula is quoted, numbers,
dates, telephone numbers and amounts are left alone, and the quote comes off again when
we read one of our exports back."""

import io
from datetime import date
from decimal import Decimal

from django.test import SimpleTestCase
from openpyxl import Workbook, load_workbook

from maillage.spreadsheets import neutralise_cell, restore_cell

MALICIOUS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1",
    "\r=1",
    "=1+1",
    "-",
    "'=already quoted",
    "''@twice",
]
LEFT_ALONE = [
    "+32 2 123 45 67",
    "+32-2-123-45-67",
    "-12.5",
    "-1,50",
    "(02) 123 45 67",
    "Maison médicale du Midi",
    "'quoted text",
    "'+32 2 123 45 67",
    "a=b",
    "",
]


class NeutraliseCellTests(SimpleTestCase):
    def test_a_formula_gets_a_leading_quote(self):
        for value in MALICIOUS:
            with self.subTest(value=value):
                self.assertEqual(neutralise_cell(value), f"'{value}")

    def test_numbers_dates_phone_numbers_and_plain_text_are_left_alone(self):
        for value in [*LEFT_ALONE, -12.5, -3, Decimal("-4.20"), date(2025, 1, 1), None, True]:
            with self.subTest(value=value):
                self.assertEqual(neutralise_cell(value), value)

    def test_restore_gives_back_exactly_what_was_neutralised(self):
        for value in [*MALICIOUS, *LEFT_ALONE, "'", "''", "'-"]:
            with self.subTest(value=value):
                self.assertEqual(restore_cell(neutralise_cell(value)), value)

    def test_openpyxl_stores_a_neutralised_value_as_text_not_as_a_formula(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["=1+1", neutralise_cell("=1+1")])
        self.assertEqual(sheet["A1"].data_type, "f")  # what the quote prevents
        buffer = io.BytesIO()
        workbook.save(buffer)
        cell = load_workbook(io.BytesIO(buffer.getvalue())).active["B1"]
        self.assertEqual((cell.value, cell.data_type), ("'=1+1", "s"))
