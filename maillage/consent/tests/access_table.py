"""Consent pages and API operations in the access matrix (maillage/access/tests)."""

from typing import Any

from maillage.access.tests.matrix import (
    CASE_CHANGERS,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    change_case,
    only,
    read_case,
)


def case_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def actor_kwargs(case: Any) -> dict[str, Any]:
    """A formal actor of the case (the network's probe), to choose what they receive."""
    from maillage.network.tests.access_table import probe

    return {"case_id": case.pk, "actor_id": probe(case).pk}


# url name → (method, kwargs, expected status per persona, anonymous status)
PAGES = {
    "consent:list": ("get", case_kwargs, read_case(), REDIRECT),
    # The form shows the consent in force: readers who may not change get 403.
    "consent:new": ("get", case_kwargs, change_case(yes=OK), REDIRECT),
    # An empty POST: nothing to withdraw, back to the list with a message.
    "consent:withdraw": ("post", case_kwargs, change_case(), REDIRECT),
    # What one actor may receive: a form, like recording a consent.
    "consent:share_with": ("get", actor_kwargs, change_case(yes=OK), REDIRECT),
}

# (method, OpenAPI path) → (expected status per persona, body)
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/consents"): (read_case(), None),
    ("post", "/api/v1/cases/{case_id}/consents"): (
        {**only(CASE_CHANGERS, yes=201, no=NOT_FOUND), "olivier": FORBIDDEN},
        {"status": "no_demand", "notes": "Asked for nothing yet."},
    ),
}
