"""The orientation pages and endpoints in the access matrix (maillage/access/tests)."""

from typing import Any

from maillage.access.tests.matrix import (
    ALL,
    CASE_CHANGERS,
    CASE_TEAM,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    change_case,
    only,
    read_case,
)
from maillage.orientation import actions
from maillage.orientation.models import Referral

from .fixtures import make_service


def referral_of(case: Any) -> Referral:
    """A referral of the matrix case, sent through the real action (no consent: the
    need and the reason only)."""
    referral = case.referrals.first()
    if referral is None:
        referral = actions.refer(
            by=case.workers.first().user,
            case=case,
            service=make_service("svc-matrix", name="Matrix service"),
            need="Un logement",
            reason="",
            life_domain="housing",
            person_agreed=True,
        )
    return referral


def _case(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def _referral(case: Any) -> dict[str, Any]:
    return {"referral_id": referral_of(case).pk}


def _answer(case: Any) -> dict[str, Any]:
    token, _link = actions._issue_link(referral_of(case), "matrix")
    return {"token": token}


def _none(case: Any) -> dict[str, Any]:
    return {}


WORKING_ROLES = set(ALL) - {"zoe"}

# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    # Without ?service= and ?case=/?request= there is nothing to orient: 404 for all
    # (tests/test_pages.py checks the page with its parameters for each kind of user).
    "orientation:new": ("get", _none, only(set(), no=NOT_FOUND), REDIRECT),
    "orientation:unmet_need": ("get", _none, only(WORKING_ROLES, no=FORBIDDEN), REDIRECT),
    "orientation:case": ("get", _case, read_case(), REDIRECT),
    "orientation:detail": ("get", _referral, read_case(), REDIRECT),
    # An empty form: shown again with its errors (200) to those who may change it.
    "orientation:status": ("post", _referral, change_case(yes=OK), REDIRECT),
    # Public: the secret in the address is the key, the same for everyone.
    "orientation:answer": ("get", _answer, only(set(ALL)), OK),
}


def _write(yes: int) -> dict[str, int]:
    """An API write: workers and lead; the organiser 403; everyone else 404."""
    return {**only(CASE_CHANGERS, yes=yes), "olivier": FORBIDDEN}


def _new_referral(case: Any) -> dict[str, Any]:
    make_service("svc-matrix", name="Matrix service")
    return {
        "service_id": "svc-matrix",
        "need": "Un logement",
        "life_domain": "housing",
        "person_agreed": True,
    }


def _referral_params(case: Any) -> dict[str, Any]:
    return {"referral_id": referral_of(case).pk}


# (method, OpenAPI path) → (expected per persona, body or body(case)[, params(case)])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/referrals"): (only(CASE_TEAM, 200, 404), None),
    ("post", "/api/v1/cases/{case_id}/referrals"): (_write(201), _new_referral),
    ("get", "/api/v1/referrals/{referral_id}"): (
        only(CASE_TEAM, 200, 404),
        None,
        _referral_params,
    ),
    # From "sent", "completed" is not allowed: 422 for those who may change it.
    ("post", "/api/v1/referrals/{referral_id}/status"): (
        _write(422),
        {"status": "completed"},
        _referral_params,
    ),
    ("get", "/api/v1/unmet-needs"): (only(set(ALL), 200, 200), None),
    ("post", "/api/v1/unmet-needs"): (
        only(WORKING_ROLES, 201, 403),
        {"life_domain": "housing", "reason": "no_service"},
    ),
}
