"""The case-file pages of this package in the access matrix (maillage/access/tests)."""

from maillage.access.tests.matrix import REDIRECT, change_case, read_case
from maillage.cases.tests.access_table import case_only

PAGES = {
    "cases:timeline": ("get", case_only, read_case(), REDIRECT),
    "cases:close": ("get", case_only, change_case(yes=200), REDIRECT),
}
