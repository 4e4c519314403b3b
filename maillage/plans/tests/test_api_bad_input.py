"""Bad input to the plan endpoints: a 4xx naming the field, never a 500, nothing saved."""

import copy
from typing import Any

import pytest
from django.test import Client

from maillage.api.tests.base import field_names
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.plans import actions
from maillage.plans.models import Action, CrisisPlan, Goal
from maillage.testing import Personas

from .base import PlanApi, days

DELETE = object()


class Cast(Personas):
    """The personas, built again for each parametrized case."""


def open_case() -> Case:
    support_request = Cast.record(Cast.brusano, Cast.ines)
    casefile_actions.answer_request(
        support_request, by=Cast.ines, kind="accept", case_workers=[Cast.camille, Cast.noor]
    )
    return Case.objects.get(support_request=support_request)


@pytest.fixture
def world(db: None, client: Client) -> dict[str, Any]:
    from maillage.api.tests.base import issue_tokens

    Cast.build_cast()
    case, other = open_case(), open_case()
    person = case.actors.get(kind=Actor.Kind.PERSON)
    goal = actions.add_goal(case, actions.GoalData(own_words="Un toit"), by=Cast.camille)
    action = actions.add_action(
        case, actions.ActionData(what="Visiter", owner=person), by=Cast.camille
    )
    return {
        "api": PlanApi(client, issue_tokens(Cast)),
        "case": case,
        "person": str(person.pk),
        "gone": str(Actor.objects.create(case=case, kind="formal", name="x", ended_on=days(-1)).pk),
        "stranger": str(other.actors.first().pk),
        "other_goal": str(
            actions.add_goal(other, actions.GoalData(own_words="Autre"), by=Cast.camille).pk
        ),
        "goal": goal,
        "action": action,
    }


def with_value(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    target: Any = body
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    key: Any = int(last) if isinstance(target, list) else last
    if value is DELETE:
        del target[key]
    else:
        target[key] = value
    return body


def resolve(value: Any, world: dict[str, Any]) -> Any:
    return world[value[1:]] if isinstance(value, str) and value.startswith("@") else value


def assert_refused(response: Any, field: str) -> None:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"].endswith("."), body
    assert field in field_names(response), body


GOAL = {"own_words": "Retrouver un logement à moi", "priority": "high", "life_domains": []}
BAD_GOALS = [
    ("own_words", DELETE),
    ("own_words", ""),
    ("own_words", "   "),
    ("own_words", 12),
    ("own_words", "x" * 20_001),
    ("priority", "urgent"),
    ("priority", 1),
    ("status", "forgotten"),
    ("category", "secrets"),
    ("life_domains", "housing"),
    ("life_domains.0", "astrology"),
    ("reformulation", ["a"]),
]


@pytest.mark.parametrize(("path", "value"), BAD_GOALS)
def test_a_bad_goal_is_refused(world: dict[str, Any], path: str, value: Any) -> None:
    body = with_value({**GOAL, "life_domains": ["housing"]}, path, value)
    url = f"cases/{world['case'].pk}/goals"
    field = path.split(".")[0] if path != "life_domains.0" else path
    assert_refused(world["api"].post(url, Cast.camille, body), field)
    update = {**body, "version": 1}
    assert_refused(world["api"].put(f"{url}/{world['goal'].pk}", Cast.camille, update), field)
    assert Goal.objects.count() == 2
    assert Goal.objects.get(pk=world["goal"].pk).version == 1


ACTION = {"what": "Appeler le CPAS", "owner_id": "@person", "due_on": "2030-01-15"}
BAD_ACTIONS = [
    ("what", DELETE, "what"),
    ("what", "", "what"),
    ("owner_id", DELETE, "owner_id"),
    ("owner_id", "not-a-uuid", "owner_id"),
    ("owner_id", "@stranger", "owner_id"),
    ("owner_id", "@gone", "owner"),
    ("owner_id", "00000000-0000-0000-0000-000000000000", "owner_id"),
    ("with_actor_ids", ["@stranger"], "with_actor_ids"),
    ("with_actor_ids", "@person", "with_actor_ids"),
    ("goal_id", "@other_goal", "goal_id"),
    ("goal_id", "goal", "goal_id"),
    ("status", "finished", "status"),
    ("status", None, "status"),
    ("category", "gossip", "category"),
    ("due_on", "2025-02-30", "due_on"),
    ("due_on", "15/01/2030", "due_on"),
    ("due_on", "0001-01-01", "due_on"),
    ("due_on", 20300115, "due_on"),
    ("with_whom", "x" * 301, "with_whom"),
    ("how", "a\x00b", "how"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_ACTIONS)
def test_a_bad_action_is_refused(world: dict[str, Any], path: str, value: Any, field: str) -> None:
    resolved = (
        [resolve(v, world) for v in value] if isinstance(value, list) else resolve(value, world)
    )
    body = with_value({**ACTION, "owner_id": world["person"]}, path, resolved)
    url = f"cases/{world['case'].pk}/actions"
    # "owner" comes from the action's rule: the API names its own field, "owner_id".
    field = "owner_id" if field == "owner" else field
    assert_refused(world["api"].post(url, Cast.camille, body), field)
    response = world["api"].put(f"{url}/{world['action'].pk}", Cast.camille, {**body, "version": 1})
    assert_refused(response, field)
    assert Action.objects.count() == 1
    assert Action.objects.get().version == 1


def test_a_bad_action_filter_is_refused(world: dict[str, Any]) -> None:
    url = f"cases/{world['case'].pk}/actions"
    assert_refused(world["api"].get(url, Cast.camille, status="someday"), "status")
    assert_refused(world["api"].get(url, Cast.camille, overdue="maybe"), "overdue")


CRISIS = {
    "based_on_version": None,
    "warning_signs": "Je m'isole",
    "preferences": {"hospital": "Saint-Pierre"},
    "contacts": [],
}
BAD_CRISIS_PLANS = [
    ("based_on_version", DELETE, "based_on_version"),
    ("based_on_version", 0, "based_on_version"),
    ("based_on_version", "one", "based_on_version"),
    ("based_on_version", 4, "based_on_version"),
    ("agreed_on", "2999-01-01", "agreed_on"),
    ("agreed_on", "yesterday", "agreed_on"),
    ("preferences", "hospital", "preferences"),
    ("preferences.hospital", 3, "preferences.hospital"),
    ("contacts", [{}] * 9, "contacts"),
    ("contacts", [{"actor_id": "@stranger"}], "contacts.0.actor_id"),
    ("contacts", [{"actor_id": "@gone"}], "contacts.0.actor_id"),
    ("contacts", [{"name": "Urgences"}], "contacts.0.phone"),
    ("contacts", [{"phone": "112"}], "contacts.0.name"),
    ("contacts", [{"name": "x", "phone": "1" * 51}], "contacts.0.phone"),
    ("present_at_agreement", "x" * 301, "present_at_agreement"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_CRISIS_PLANS)
def test_a_bad_crisis_plan_is_refused(
    world: dict[str, Any], path: str, value: Any, field: str
) -> None:
    if isinstance(value, list):
        value = [{k: resolve(v, world) for k, v in row.items()} for row in value]
    body = with_value(CRISIS, path, value)
    response = world["api"].put(f"cases/{world['case'].pk}/crisis-plan", Cast.camille, body)
    assert_refused(response, field)
    assert not CrisisPlan.objects.exists()
