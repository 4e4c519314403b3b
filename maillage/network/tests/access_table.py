"""The network's pages and API operations in the access matrix (maillage/access/tests)."""

from typing import Any

from maillage.access.tests.matrix import ALL, CASE_TEAM, OK, REDIRECT, change_case, read_case
from maillage.intake.models import Requester
from maillage.network.models import Actor


def probe(case: Any) -> Actor:
    """A formal actor of the case to read, change and end (made once per case)."""
    actor, _created = Actor.objects.get_or_create(
        case=case,
        kind=Actor.Kind.FORMAL,
        name="Dr Probe",
        defaults={"organisation": "Maison médicale", "sector": "general_practice"},
    )
    return actor


def requester_kwargs(case: Any) -> dict[str, Any]:
    """A carer who asked for support in the case's request (added once, then refused)."""
    requester, _created = Requester.objects.get_or_create(
        support_request=case.support_request, kind=Requester.Kind.CARER, name="Probe Carer"
    )
    return {"case_id": case.pk, "requester_id": requester.pk}


def case_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def actor_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk, "actor_id": probe(case).pk}


def actor_params(case: Any) -> dict[str, Any]:
    return {"actor_id": probe(case).pk}


def actor_update(case: Any) -> dict[str, Any]:
    """The probe as read, with its current version (each allowed call takes the next)."""
    actor = probe(case)
    return {
        "kind": "formal",
        "name": "Dr Probe",
        "organisation": "Maison médicale",
        "sector": "general_practice",
        "quality": "strong",
        "version": actor.version,
    }


NEW_ACTOR = {"kind": "informal", "name": "Sophie", "relation": "family", "quality": "strong"}


def _api(allowed: set[str], yes: int, no: int = 404) -> dict[str, int]:
    return {name: yes if name in allowed else no for name in ALL}


def _api_change(yes: int) -> dict[str, int]:
    return {**_api(CASE_TEAM - {"olivier"}, yes), "olivier": 403}


# url name → (method, kwargs, expected status per persona, anonymous status)
PAGES = {
    "network:list": ("get", case_kwargs, read_case(), REDIRECT),
    "network:map": ("get", case_kwargs, read_case(), REDIRECT),
    "network:map_svg": ("get", case_kwargs, read_case(), REDIRECT),
    "network:new": ("get", case_kwargs, change_case(yes=OK), REDIRECT),
    # One click adds a requester of the request; back to the network (or the consent).
    "network:add_requester": ("post", requester_kwargs, change_case(), REDIRECT),
    "network:edit": ("get", actor_kwargs, change_case(yes=OK), REDIRECT),
    # An empty form: re-rendered with its errors (200) for those who may change.
    "network:end": ("post", actor_kwargs, change_case(yes=OK), REDIRECT),
}

# (method, OpenAPI path) → (expected status per persona, body[, path parameters])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/actors"): (_api(CASE_TEAM, 200), None),
    ("post", "/api/v1/cases/{case_id}/actors"): (_api_change(201), NEW_ACTOR),
    ("get", "/api/v1/cases/{case_id}/actors/{actor_id}"): (
        _api(CASE_TEAM, 200),
        None,
        actor_params,
    ),
    ("put", "/api/v1/cases/{case_id}/actors/{actor_id}"): (
        _api_change(200),
        actor_update,
        actor_params,
    ),
    ("get", "/api/v1/cases/{case_id}/network-map.svg"): (_api(CASE_TEAM, 200), None),
}
