"""Shared vocabulary of the access matrix tests: personas, expected codes, helpers.

Each app may add its pages in `maillage/<app>/tests/access_table.py`, a dict `PAGES`
(and its API operations in `OPERATIONS`, see `app_operations`):
url name → (method, kwargs, expected status per persona, anonymous status), where
`kwargs` is a function `(case) -> dict` building the URL's arguments from the test's
accepted Brusano case (held by camille and noor; lea leads the team; olivier organises).
"""

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ALL = ("ines", "camille", "noor", "bob", "lea", "olivier", "ana", "adam", "pat", "zoe")
REQUEST_TEAM = {"ines", "camille", "noor", "lea"}  # Brusano team roles on requests
CASE_TEAM = {"camille", "noor", "lea", "olivier"}  # may read the Brusano case
CASE_CHANGERS = {"camille", "noor", "lea"}  # workers and the team lead change it
QUEUE = {"ines", "camille", "noor", "bob", "lea"}  # anyone with requests to work on

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

Row = tuple[str, Callable[[Any], dict[str, Any]] | str, dict[str, int], int]


def only(allowed: set[str], yes: int = OK, no: int = NOT_FOUND) -> dict[str, int]:
    return {name: yes if name in allowed else no for name in ALL}


def read_case(yes: int = OK) -> dict[str, int]:
    """A page of the case file: the team's case readers see it, others get 404."""
    return only(CASE_TEAM, yes=yes)


def change_case(yes: int = REDIRECT) -> dict[str, int]:
    """A change to the case file: workers and lead; the organiser reads only (403)."""
    return {**only(CASE_CHANGERS, yes=yes), "olivier": FORBIDDEN}


APPS_WITH_TABLES = (
    "cases",
    "casefile",
    "consent",
    "assessments",
    "network",
    "plans",
    "conferences",
    "space",
    "partners",
    "records",
    "orientation",
    "directory",
    "agenda",
    "notifications",
    "search",
    "guard",
    "public",
    "screening",
)


def _tables(attribute: str) -> dict[Any, Any]:
    """Merge the tables of every `maillage/<app>/tests/access_table*.py`."""
    root = Path(__file__).resolve().parents[2]
    found: dict[Any, Any] = {}
    for app in APPS_WITH_TABLES:
        for path in sorted((root / app / "tests").glob("access_table*.py")):
            module = importlib.import_module(f"maillage.{app}.tests.{path.stem}")
            found.update(getattr(module, attribute, {}))
    return found


def app_pages() -> dict[str, Row]:
    """Pages declared by the apps (`PAGES` in their tests/access_table.py)."""
    return _tables("PAGES")


def app_operations() -> dict[tuple[str, str], tuple[Any, ...]]:
    """API operations declared by the apps (`OPERATIONS`): (method, OpenAPI path) →
    (expected status per persona, body or `body(case)`, optionally `params(case)` for
    path parameters other than {case_id})."""
    return _tables("OPERATIONS")
