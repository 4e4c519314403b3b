"""Cells of the CSV and XLSX files we export, safe to open in a spreadsheet.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
spreadsheet applications as a formula: a value typed by a user or imported from
another directory (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`) would run when a colleague
opens the export. As OWASP recommends ("CSV Injection"), `neutralise_cell` puts a
single quote before such a text, which the spreadsheet shows as text; `restore_cell`
takes it away again when we read one of our exports back (the HSDS importer), so that
import(export(x)) gives x. Every writer (csv.writer, openpyxl) passes its cells through
`neutralise_cell`.
"""

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A telephone number or an amount written as text (`+32 2 123 45 67`, `-12.5`,
# `+32-2-123-45-67`): a sign, then only digits, spaces and `().,/-`. Such a text holds
# no function name, no cell reference and no DDE call (no letter, `!`, `|`, `:` or
# quote), so it cannot do anything when evaluated: it is left as it is, readable. A `+`
# or `=` after the start (`-2+3`) is quoted all the same.
NUMBER_TEXT = re.compile(r"^[+-]?[0-9 ().,/-]*[0-9][0-9 ().,/-]*$")


def neutralise_cell(value: Any) -> Any:
    """`value` as a spreadsheet shows it and never evaluates it. Numbers, dates and
    other non-text values are returned untouched."""
    if isinstance(value, str) and _is_formula(value.lstrip("'")):
        # Quotes already leading a formula get one more, so `restore_cell` takes back
        # exactly the one added here.
        return f"'{value}"
    return value


def restore_cell(value: str) -> str:
    """The value `neutralise_cell` was given, for a text read back from an export."""
    if value.startswith("'") and _is_formula(value.lstrip("'")):
        return value[1:]
    return value


def _is_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not NUMBER_TEXT.match(text)
