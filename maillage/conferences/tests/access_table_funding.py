"""Funding pages and API operations in the access matrix (maillage/access/tests).

A conference's conditions are read by whoever may read its case; the export is open to
every signed-in user but holds only the conferences of the cases they may see (checked
in test_export_funding.py), so its form answers 200 to all.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.access.tests.matrix import ALL, CASE_TEAM, REDIRECT, only, read_case
from maillage.conferences.models import Conference
from maillage.testing import capp_scheme


def funded(case: Any) -> Conference:
    """A held CAPP conference of the case, a week ago (made once per case)."""
    conference = case.conferences.filter(place="Salle financement").first()
    if conference is None:
        conference = Conference.objects.create(
            case=case,
            organiser=case.workers.select_related("user").first().user,
            starts_at=timezone.now() - timedelta(days=7),
            status=Conference.Status.HELD,
            funding_scheme=capp_scheme(),
            place="Salle financement",
        )
    return conference


def conference_kwargs(case: Any) -> dict[str, Any]:
    return {"conference_id": funded(case).pk}


def no_kwargs(case: Any) -> dict[str, Any]:
    return {}


# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    "conferences:funding_check": ("get", conference_kwargs, read_case(), REDIRECT),
    "conferences:funding_export": ("get", no_kwargs, only(set(ALL)), REDIRECT),
}

# (method, OpenAPI path) → (expected per persona, body, path parameters(case))
OPERATIONS = {
    ("get", "/api/v1/conferences/{conference_id}/funding"): (
        only(CASE_TEAM, 200, 404),
        None,
        conference_kwargs,
    ),
    # Without a period every caller gets 422 (start and end are required).
    ("get", "/api/v1/funding/export"): (only(set(ALL), 422, 422), None),
}
