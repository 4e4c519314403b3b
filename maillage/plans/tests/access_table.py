"""The plan pages and endpoints in the access matrix (maillage/access/tests)."""

from typing import Any

from maillage.access.tests.matrix import (
    CASE_TEAM,
    FORBIDDEN,
    REDIRECT,
    change_case,
    only,
    read_case,
)
from maillage.network.models import Actor
from maillage.plans.models import Action, CrisisPlan, Goal


def _goal(case: Any) -> Goal:
    goal = case.goals.first()
    if goal is None:
        goal = Goal.objects.create(case=case, own_words="Un toit à moi", created_by=_worker(case))
    return goal


def _action(case: Any) -> Action:
    action = case.actions.first()
    if action is None:
        owner = case.actors.get(kind=Actor.Kind.PERSON)
        action = Action.objects.create(
            case=case, what="Appeler le CPAS", owner=owner, created_by=_worker(case)
        )
    return action


def _worker(case: Any) -> Any:
    return case.workers.first().user


def _crisis_version(case: Any) -> dict[str, Any]:
    if not case.crisis_plans.exists():
        CrisisPlan.objects.create(case=case, version=1, created_by=_worker(case))
    return {"case_id": case.pk, "version": 1}


def _case(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


# url name → (method, kwargs(case), expected per persona, anonymous)
PAGES = {
    "plans:plan": ("get", _case, read_case(), REDIRECT),
    "plans:print": ("get", _case, read_case(), REDIRECT),
    "plans:goal_new": ("get", _case, change_case(yes=200), REDIRECT),
    "plans:goal_edit": (
        "get",
        lambda case: {"case_id": case.pk, "goal_id": _goal(case).pk},
        change_case(yes=200),
        REDIRECT,
    ),
    "plans:action_new": ("post", _case, change_case(yes=200), REDIRECT),
    "plans:action_edit": (
        "post",
        lambda case: {"case_id": case.pk, "action_id": _action(case).pk},
        change_case(yes=200),
        REDIRECT,
    ),
    "plans:action_status": (
        "post",
        lambda case: {"case_id": case.pk, "action_id": _action(case).pk},
        change_case(),
        REDIRECT,
    ),
    "plans:crisis": ("get", _case, read_case(), REDIRECT),
    "plans:crisis_edit": ("get", _case, change_case(yes=200), REDIRECT),
    "plans:crisis_print": ("get", _case, read_case(), REDIRECT),
    "plans:crisis_version": ("get", _crisis_version, read_case(), REDIRECT),
}


def _write(yes: int) -> dict[str, int]:
    """An API write: workers and lead; the organiser 403; everyone else 404."""
    return {**only({"camille", "noor", "lea"}, yes=yes), "olivier": FORBIDDEN}


def _goal_params(case: Any) -> dict[str, Any]:
    return {"goal_id": _goal(case).pk}


def _action_params(case: Any) -> dict[str, Any]:
    return {"action_id": _action(case).pk}


def _new_action(case: Any) -> dict[str, Any]:
    return {"what": "Appeler le CPAS", "owner_id": str(case.actors.get(kind="person").pk)}


def _changed_goal(case: Any) -> dict[str, Any]:
    return {"own_words": "Un toit à moi", "version": _goal(case).version}


def _changed_action(case: Any) -> dict[str, Any]:
    return {**_new_action(case), "status": "in_progress", "version": _action(case).version}


def _crisis_plan(case: Any) -> dict[str, Any]:
    current = case.crisis_plans.order_by("-version").first()
    return {
        "based_on_version": current.version if current else None,
        "warning_signs": "Je ne dors plus",
        "contacts": [{"name": "Urgences", "phone": "112"}],
    }


# (method, OpenAPI path) → (expected per persona, body or body(case)[, params(case)])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/goals"): (only(CASE_TEAM, 200, 404), None),
    ("post", "/api/v1/cases/{case_id}/goals"): (_write(201), {"own_words": "Un toit à moi"}),
    ("get", "/api/v1/cases/{case_id}/goals/{goal_id}"): (
        only(CASE_TEAM, 200, 404),
        None,
        _goal_params,
    ),
    ("put", "/api/v1/cases/{case_id}/goals/{goal_id}"): (_write(200), _changed_goal, _goal_params),
    ("get", "/api/v1/cases/{case_id}/actions"): (only(CASE_TEAM, 200, 404), None),
    ("post", "/api/v1/cases/{case_id}/actions"): (_write(201), _new_action),
    ("get", "/api/v1/cases/{case_id}/actions/{action_id}"): (
        only(CASE_TEAM, 200, 404),
        None,
        _action_params,
    ),
    ("put", "/api/v1/cases/{case_id}/actions/{action_id}"): (
        _write(200),
        _changed_action,
        _action_params,
    ),
    ("get", "/api/v1/cases/{case_id}/crisis-plan"): (only(CASE_TEAM, 200, 404), None),
    ("put", "/api/v1/cases/{case_id}/crisis-plan"): (_write(201), _crisis_plan),
}
