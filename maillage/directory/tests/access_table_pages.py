"""The directory pages in the access matrix (maillage/access/tests).

Every signed-in user searches, reads service pages and their history, suggests a
correction and sees the coverage (aggregates); directory editors and administrators edit
and review. Anonymous visitors get 404 on the search and service pages while the
directory is not published (DIRECTORY_PUBLIC), and the sign-in page elsewhere.
"""

from typing import Any

from maillage.access.tests.matrix import ALL, FORBIDDEN, NOT_FOUND, REDIRECT, only
from maillage.directory.models import Organization, Service, Suggestion

EDITORS = {"adam"}  # administrators edit the directory; no persona is a directory editor


def _service(case: Any) -> Service:
    organization, _ = Organization.objects.get_or_create(id="matrix-org", defaults={"name": "Org"})
    service, _ = Service.objects.get_or_create(
        id="matrix-service",
        defaults={"organization": organization, "name": "Service", "status": "active"},
    )
    return service


def _service_kwargs(case: Any) -> dict[str, Any]:
    return {"service_id": _service(case).pk}


def _suggestion_kwargs(case: Any) -> dict[str, Any]:
    suggestion = Suggestion.objects.filter(service=_service(case)).first()
    if suggestion is None:
        suggestion = Suggestion.objects.create(
            service=_service(case),
            note="Le numéro a changé",
            suggested_by=case.workers.first().user,
        )
    return {"suggestion_id": suggestion.pk}


def _none(case: Any) -> dict[str, Any]:
    return {}


EVERYONE = only(set(ALL))
EDITOR_PAGE = only(EDITORS, no=FORBIDDEN)

# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    "directory:search": ("get", _none, EVERYONE, NOT_FOUND),
    "directory:service": ("get", _service_kwargs, EVERYONE, NOT_FOUND),
    "directory:history": ("get", _service_kwargs, EVERYONE, REDIRECT),
    "directory:suggest": ("get", _service_kwargs, EVERYONE, REDIRECT),
    "directory:edit": ("get", _service_kwargs, EDITOR_PAGE, REDIRECT),
    "directory:suggestions": ("get", _none, EDITOR_PAGE, REDIRECT),
    "directory:review": (
        "post",
        _suggestion_kwargs,
        only(EDITORS, yes=REDIRECT, no=FORBIDDEN),
        REDIRECT,
    ),
    "directory:coverage": ("get", _none, EVERYONE, REDIRECT),
    "directory:coverage_csv": ("get", _none, EVERYONE, REDIRECT),
    "directory:coverage_svg": ("get", _none, EVERYONE, REDIRECT),
}
