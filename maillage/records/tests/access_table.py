"""The records pages and endpoints in the access matrix (maillage/access/tests).

Workers of the person's case (camille, noor) and the team lead (lea) may export and
correct; those who see the person without holding a case (ines at intake, olivier the
organiser) get 403; everyone else 404.
"""

from typing import Any

from maillage.access.tests.matrix import FORBIDDEN, REDIRECT, only

EXPORTERS = {"camille", "noor", "lea"}


def _person(case: Any) -> dict[str, Any]:
    return {"person_id": case.person_id}


def _exporters(yes: int = 200) -> dict[str, int]:
    return {**only(EXPORTERS, yes=yes), "ines": FORBIDDEN, "olivier": FORBIDDEN}


PAGES = {
    "records:export_json": ("get", _person, _exporters(), REDIRECT),
    "records:export_pdf": ("get", _person, _exporters(), REDIRECT),
    "records:identity": ("get", _person, _exporters(), REDIRECT),
}

OPERATIONS = {
    ("get", "/api/v1/persons/{person_id}/export"): (_exporters(), None, _person),
    ("get", "/api/v1/persons/{person_id}/export.pdf"): (_exporters(), None, _person),
}
