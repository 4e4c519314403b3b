"""What the plan pages and the case overview read, in a bounded number of queries.

Every function takes a case the caller already got from `maillage.access`.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Case as When_
from django.db.models import IntegerField, Prefetch, QuerySet, Value, When

from maillage.cases.models import Case
from maillage.categories import LifeDomain
from maillage.network.models import Actor

from .models import Action, CrisisContact, CrisisPlan, Goal

# Filters of the plan page and the API: the statuses, plus "pending" and "overdue".
PENDING = "pending"
OVERDUE = "overdue"
ACTION_FILTERS = (PENDING, OVERDUE, *Action.Status.values)


def goals_open_first(case: Case) -> QuerySet[Goal]:
    """Open goals first, then by priority and age."""
    closed = When_(
        When(status__in=Goal.OPEN_STATUSES, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return case.goals.annotate(closed=closed).order_by("closed", "priority", "created_at")


def actions_of(case: Case) -> QuerySet[Action]:
    """The case's actions with what a row shows: owner, goal and companions."""
    return case.actions.select_related("owner", "goal").prefetch_related(
        Prefetch("with_actors", queryset=Actor.objects.order_by("name"))
    )


def filter_actions(actions: QuerySet[Action], status: str, today: date) -> QuerySet[Action]:
    """Only the actions with this status ("pending", "overdue" or one status); "" keeps all."""
    if status == PENDING:
        return actions.pending()  # type: ignore[attr-defined,no-any-return]
    if status == OVERDUE:
        return actions.overdue(today)  # type: ignore[attr-defined,no-any-return]
    if status in Action.Status.values:
        return actions.filter(status=status)
    return actions


def plan_for(case: Case, today: date, status: str = "") -> dict[str, Any]:
    """The plan page: each goal (open ones first) with its actions, then the others.

    Each action carries `overdue` (bool); each goal `plan_actions` (a list).
    Four queries whatever the number of goals and actions.
    """
    goals = list(goals_open_first(case))
    actions = list(filter_actions(actions_of(case), status, today))
    mark_overdue(actions, today)
    by_goal: dict[Any, list[Action]] = defaultdict(list)
    for action in actions:
        by_goal[action.goal_id].append(action)
    for goal in goals:
        goal.plan_actions = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]
    label_domains(goals)
    return {
        "goals": goals,
        "loose_actions": by_goal.get(None, []),
        "overdue_count": case.actions.overdue(today).count(),  # type: ignore[attr-defined]
        "action_count": len(actions),
    }


def printable_plan(case: Case, today: date) -> dict[str, Any]:
    """The one-page "who does what, when": open goals, and every action not dropped,
    by due date."""
    actions = list(actions_of(case).exclude(status=Action.Status.DROPPED))
    mark_overdue(actions, today)
    goals = list(case.goals.filter(status__in=Goal.OPEN_STATUSES))
    label_domains(goals)
    return {"goals": goals, "actions": actions}


def label_domains(goals: Iterable[Goal]) -> None:
    """Give each goal `domain_labels`: its life domains, in words."""
    labels = dict(LifeDomain.choices)
    for goal in goals:
        goal.domain_labels = [labels.get(d, d) for d in goal.life_domains]  # type: ignore[attr-defined]


def mark_overdue(actions: Iterable[Action], today: date) -> None:
    for action in actions:
        action.overdue = action.is_overdue(today)  # type: ignore[attr-defined]


def current_actors(case: Case, keep: Iterable[Any] = ()) -> QuerySet[Actor]:
    """Actors who may own or join an action: the current ones, plus those in `keep`
    (already on the record being edited)."""
    keep = [pk for pk in keep if pk]
    actors = case.actors.current()  # type: ignore[attr-defined]
    if keep:
        actors = actors | case.actors.filter(pk__in=keep)
    return actors.order_by("kind", "name")  # type: ignore[no-any-return]


def actors_by_id(case: Case, ids: Iterable[Any]) -> dict[str, Actor]:
    """The case's actors among `ids`, by id as text (others are simply missing)."""
    ids = {str(pk) for pk in ids if pk}
    if not ids:
        return {}
    return {str(actor.pk): actor for actor in case.actors.filter(pk__in=ids)}


# Crisis plan


def _with_contacts(plans: QuerySet[CrisisPlan]) -> QuerySet[CrisisPlan]:
    contacts = CrisisContact.objects.select_related("actor").order_by("position")
    return plans.select_related("created_by").prefetch_related(Prefetch("contacts", contacts))


def current_crisis_plan(case: Case) -> CrisisPlan | None:
    """The latest version, with its contacts (and their actors), or None."""
    return _with_contacts(case.crisis_plans.order_by("-version")).first()


def crisis_plan_version(case: Case, version: int) -> CrisisPlan | None:
    return _with_contacts(case.crisis_plans.filter(version=version)).first()


def crisis_plan_versions(case: Case) -> list[CrisisPlan]:
    """Every version, newest first, without their contents."""
    return list(
        case.crisis_plans.select_related("created_by")
        .only("version", "created_at", "agreed_on", "case_id", "created_by")
        .order_by("-version")
    )


# The case overview


def plan_summary(case: Case, today: date) -> dict[str, Any]:
    """The plan at a glance, for the case overview, in five queries:

    - `key_goals`: up to 3 open goals (open or in progress), highest priority first;
    - `overdue_actions`: up to 10 overdue actions (pending, due before `today`), the
      longest overdue first, with `owner` selected;
    - `overdue_count`: how many actions are overdue in all;
    - `next_due`: the pending action due next (today or later), owner selected, or None;
    - `crisis_plan`: the current crisis-plan version (without its contacts), or None.
    """
    overdue = case.actions.overdue(today).select_related("owner")  # type: ignore[attr-defined]
    next_due = (
        case.actions.pending()  # type: ignore[attr-defined]
        .filter(due_on__gte=today)
        .select_related("owner")
        .order_by("due_on", "created_at")
        .first()
    )
    return {
        "key_goals": list(
            case.goals.filter(status__in=Goal.OPEN_STATUSES).order_by("priority", "created_at")[:3]
        ),
        "overdue_actions": list(overdue.order_by("due_on", "created_at")[:10]),
        "overdue_count": overdue.count(),
        "next_due": next_due,
        "crisis_plan": case.crisis_plans.order_by("-version").first(),
    }
