"""Goals, actions ("who does what, when") and the versioned crisis plan of a case.

Goals and actions are edited with PUT and the `version` read: a stale version is
refused (409 with `current_version`) and nothing changes. The crisis plan is never
overwritten: PUT saves a new version based on `based_on_version`.
"""

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from maillage import access
from maillage.cases.models import Case
from maillage.categories import Category, LifeDomain
from maillage.network.models import Actor
from maillage.plans import actions as plan_actions
from maillage.plans import queries
from maillage.plans.models import Action, CrisisContact, CrisisPlan, Goal

from .errors import OWN_ERROR, renamed
from .paging import PageIn, page_json, paginate
from .schemas import (
    LONG_TEXT,
    MAX_INT,
    ErrorOut,
    Id,
    Input,
    Iso,
    OptionalId,
    OptionalIso,
    StaleOut,
    Text,
    max_length,
)

router = Router(tags=["plans"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
WRITE_ERRORS: dict[int, Any] = {**dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)}

PRIORITIES = {"high": Goal.Priority.HIGH, "medium": Goal.Priority.MEDIUM, "low": Goal.Priority.LOW}
PRIORITY_NAMES = {value: name for name, value in PRIORITIES.items()}
# Action fields → their names in the API body.
ACTION_INPUT_NAMES = {"owner": "owner_id", "with_actors": "with_actor_ids", "goal": "goal_id"}
CONTACT_INPUT_NAMES = {"actor": "actor_id"}

GoalStatus = Literal[tuple(Goal.Status.values)]  # type: ignore[valid-type]
ActionStatus = Literal[tuple(Action.Status.values)]  # type: ignore[valid-type]
CategoryCode = Literal[tuple(Category.values)]  # type: ignore[valid-type]
DomainCode = Literal[tuple(LifeDomain.values)]  # type: ignore[valid-type]
Priority = Literal["high", "medium", "low"]
Version = Annotated[int, Field(ge=1, le=MAX_INT)]


def _a_sensible_date(value: date | None) -> date | None:
    if value is not None and not date(1900, 1, 1) <= value <= date(2200, 12, 31):
        raise PydanticCustomError(OWN_ERROR, _("Enter a date between 1900 and 2200."))
    return value


# Input


class GoalIn(Input):
    own_words: str = Field(
        min_length=1, max_length=LONG_TEXT, description="The goal in the person's own words."
    )
    reformulation: Text = Field("", max_length=LONG_TEXT)
    priority: Priority = "medium"
    status: GoalStatus = Goal.Status.OPEN
    life_domains: list[DomainCode] = Field(default_factory=list, max_length=len(LifeDomain))
    category: CategoryCode = Category.PLAN


class GoalUpdate(GoalIn):
    version: Version = Field(description="The version you read; 409 if it changed since.")


class ActionIn(Input):
    what: str = Field(min_length=1, max_length=LONG_TEXT)
    owner_id: UUID = Field(description="A current actor of the case's network (the person too).")
    with_actor_ids: list[UUID] = Field(
        default_factory=list, max_length=50, description="Other actors of the case's network."
    )
    with_whom: Text = Field("", max_length=max_length(Action, "with_whom"))
    how: Text = Field("", max_length=LONG_TEXT)
    due_on: date | None = Field(None, description="YYYY-MM-DD.")
    status: ActionStatus = Action.Status.PLANNED
    goal_id: UUID | None = Field(None, description="A goal of this case.")
    follow_up: Text = Field("", max_length=LONG_TEXT)
    category: CategoryCode = Category.PLAN

    @field_validator("due_on")
    @classmethod
    def _sensible_due_on(cls, value: date | None) -> date | None:
        return _a_sensible_date(value)


class ActionUpdate(ActionIn):
    version: Version = Field(description="The version you read; 409 if it changed since.")


class ActionFilters(PageIn):
    status: Literal[tuple(queries.ACTION_FILTERS)] | None = Field(  # type: ignore[valid-type]
        None, description="One status, or `pending` (planned or in progress)."
    )
    overdue: bool | None = Field(
        None, description="true: pending actions past their due date; false: the others."
    )


class GoalFilters(PageIn):
    status: GoalStatus | None = None


class PreferencesIn(Input):
    treatment: Text = Field("", max_length=LONG_TEXT)
    hospital: Text = Field("", max_length=LONG_TEXT)
    children: Text = Field("", max_length=LONG_TEXT)
    pets: Text = Field("", max_length=LONG_TEXT)
    home: Text = Field("", max_length=LONG_TEXT)
    money: Text = Field("", max_length=LONG_TEXT)


class CrisisContactIn(Input):
    actor_id: UUID | None = Field(None, description="A current actor of the case's network.")
    name: Text = Field("", max_length=max_length(CrisisContact, "name"))
    phone: Text = Field("", max_length=max_length(CrisisContact, "phone"))
    when: Text = Field("", max_length=max_length(CrisisContact, "when"))


class CrisisPlanIn(Input):
    based_on_version: Version | None = Field(
        description="The version you read, or null for the first plan; 409 if a newer one exists."
    )
    warning_signs: Text = Field("", max_length=LONG_TEXT)
    triggers: Text = Field("", max_length=LONG_TEXT)
    what_helps: Text = Field("", max_length=LONG_TEXT)
    what_to_avoid: Text = Field("", max_length=LONG_TEXT)
    preferences: PreferencesIn = Field(default_factory=PreferencesIn)
    agreed_on: date | None = Field(None, description="YYYY-MM-DD, not in the future.")
    present_at_agreement: Text = Field(
        "", max_length=max_length(CrisisPlan, "present_at_agreement")
    )
    contacts: list[CrisisContactIn] = Field(
        default_factory=list,
        max_length=plan_actions.MAX_CONTACTS,
        description="Whom to call, in order: an actor (`actor_id`) or a `name` and `phone`.",
    )

    @field_validator("agreed_on")
    @classmethod
    def _sensible_agreed_on(cls, value: date | None) -> date | None:
        return _a_sensible_date(value)


class CrisisPlanQuery(Input):
    version: Version | None = Field(None, description="An earlier version; default the current.")


# Output


# Read from an `Actor`.
class PlanActorOut(Schema):
    id: Id
    name: str

    @staticmethod
    def resolve_name(actor: Actor) -> str:
        return str(actor)


# Read from a `Goal`.
class GoalOut(Schema):
    id: Id
    own_words: str
    reformulation: str
    priority: Priority
    status: GoalStatus
    life_domains: list[str]
    category: str
    created_at: Iso
    updated_at: Iso
    version: int

    @staticmethod
    def resolve_priority(goal: Goal) -> str:
        return PRIORITY_NAMES[goal.priority]


class GoalPage(Schema):
    items: list[GoalOut]
    page: int
    per_page: int
    next_page: int | None


# Read from an `Action` (select `owner`, prefetch `with_actors`: `queries.actions_of`).
class ActionOut(Schema):
    id: Id
    what: str
    owner: PlanActorOut
    with_actors: list[PlanActorOut]
    with_whom: str
    how: str
    due_on: OptionalIso
    status: ActionStatus
    overdue: bool = Field(description="Pending and past its due date.")
    goal_id: OptionalId
    follow_up: str
    category: str
    created_at: Iso
    updated_at: Iso
    version: int

    @staticmethod
    def resolve_overdue(action: Action) -> bool:
        return action.is_overdue(timezone.localdate())


class ActionPage(Schema):
    items: list[ActionOut]
    page: int
    per_page: int
    next_page: int | None


# Read from a `CrisisContact` (select `actor`).
class CrisisContactOut(Schema):
    position: int
    actor: PlanActorOut | None
    name: str = Field(description="The name given, else the actor's.")
    phone: str = Field(description="The number given, else the actor's.")
    when: str

    @staticmethod
    def resolve_name(contact: CrisisContact) -> str:
        return contact.name or (str(contact.actor) if contact.actor is not None else "")

    @staticmethod
    def resolve_phone(contact: CrisisContact) -> str:
        return contact.phone or (contact.actor.phone if contact.actor is not None else "")


# Read from a `CrisisPlan`.
class CrisisVersionOut(Schema):
    version: int
    created_at: Iso
    agreed_on: OptionalIso


class PreferencesOut(Schema):
    treatment: str
    hospital: str
    children: str
    pets: str
    home: str
    money: str


# Read from a `CrisisPlan` given by `_with_versions()`.
class CrisisPlanOut(Schema):
    """One version (the current one unless asked), and the list of all versions.
    `version` is null while the case has no crisis plan."""

    version: int | None
    current_version: int | None
    created_at: OptionalIso
    created_by: str | None
    warning_signs: str
    triggers: str
    what_helps: str
    what_to_avoid: str
    preferences: PreferencesOut
    agreed_on: OptionalIso
    present_at_agreement: str
    contacts: list[CrisisContactOut]
    versions: list[CrisisVersionOut] = Field(description="Newest first.")

    @staticmethod
    def resolve_current_version(plan: CrisisPlan) -> int | None:
        versions = plan.versions  # type: ignore[attr-defined]
        return versions[0].version if versions else None

    @staticmethod
    def resolve_created_by(plan: CrisisPlan) -> str | None:
        return plan.created_by.username if plan.created_by_id is not None else None

    @staticmethod
    def resolve_preferences(plan: CrisisPlan) -> dict[str, str]:
        return {name: getattr(plan, f"preference_{name}") for name in PreferencesOut.model_fields}

    @staticmethod
    def resolve_contacts(plan: CrisisPlan) -> list[CrisisContact]:
        return list(plan.contacts.all()) if plan.pk is not None else []


def _with_versions(plan: CrisisPlan | None, versions: list[CrisisPlan]) -> CrisisPlan:
    """The plan with the list of all `versions`, for `CrisisPlanOut`; while the case
    has none, an empty plan without version. Prefetch `contacts__actor` and select
    `created_by` to save queries."""
    if plan is None:
        plan = CrisisPlan(pk=None, version=None, created_at=None)
    plan.versions = versions  # type: ignore[attr-defined]
    return plan


# Goals


@router.get("/{case_id}/goals", response={200: GoalPage, **ERRORS}, summary="List goals")
def list_goals(request: HttpRequest, case_id: str, filters: Query[GoalFilters]) -> dict[str, Any]:
    """The person's goals, open ones first, then by priority."""
    case = access.get_case(request, case_id, part="goals")
    goals = queries.goals_open_first(case)
    if filters.status:
        goals = goals.filter(status=filters.status)
    rows, next_page = paginate(goals.order_by("closed", "priority", "created_at", "pk"), filters)
    return page_json(rows, filters, next_page)


@router.post("/{case_id}/goals", response={201: GoalOut, **WRITE_ERRORS}, summary="Add a goal")
def add_goal(request: HttpRequest, case_id: str, payload: GoalIn) -> Status[Goal]:
    case = access.get_case(request, case_id, to_change=True)
    goal = plan_actions.add_goal(case, _goal_data(payload), by=request.user)
    return Status(201, goal)


@router.get("/{case_id}/goals/{goal_id}", response={200: GoalOut, **ERRORS}, summary="Read a goal")
def get_goal(request: HttpRequest, case_id: str, goal_id: str) -> Goal:
    case = access.get_case(request, case_id, part="goals")
    return access.get_child(case.goals, goal_id)


@router.put(
    "/{case_id}/goals/{goal_id}",
    response={200: GoalOut, **WRITE_ERRORS, 409: StaleOut},
    summary="Change a goal",
)
def change_goal(request: HttpRequest, case_id: str, goal_id: str, payload: GoalUpdate) -> Goal:
    """Replace the goal's fields (its status too). 409 when `version` is not current."""
    case = access.get_case(request, case_id, to_change=True)
    goal = access.get_child(case.goals, goal_id)
    plan_actions.change_goal(goal, _goal_data(payload), by=request.user, version=payload.version)
    return goal


def _goal_data(payload: GoalIn) -> plan_actions.GoalData:
    return plan_actions.GoalData(
        own_words=payload.own_words,
        reformulation=payload.reformulation,
        priority=PRIORITIES[payload.priority],
        status=payload.status,
        life_domains=list(payload.life_domains),
        category=payload.category,
    )


# Actions


@router.get("/{case_id}/actions", response={200: ActionPage, **ERRORS}, summary="List actions")
def list_actions(
    request: HttpRequest, case_id: str, filters: Query[ActionFilters]
) -> dict[str, Any]:
    """Who does what, when: by due date (undated last). `status` and `overdue` filter."""
    case = access.get_case(request, case_id, part="actions")
    today = timezone.localdate()
    actions = queries.filter_actions(queries.actions_of(case), filters.status or "", today)
    if filters.overdue is True:
        actions = actions.overdue(today)  # type: ignore[attr-defined]
    elif filters.overdue is False:
        actions = actions.exclude(pk__in=case.actions.overdue(today).values("pk"))  # type: ignore[attr-defined]
    rows, next_page = paginate(actions.order_by(*Action._meta.ordering, "pk"), filters)
    return page_json(rows, filters, next_page)


@router.post(
    "/{case_id}/actions", response={201: ActionOut, **WRITE_ERRORS}, summary="Add an action"
)
def add_action(request: HttpRequest, case_id: str, payload: ActionIn) -> Status[Action]:
    case = access.get_case(request, case_id, to_change=True)
    with renamed(ACTION_INPUT_NAMES):
        action = plan_actions.add_action(case, _action_data(case, payload), by=request.user)
    return Status(201, _read_action(case, action.pk))


@router.get(
    "/{case_id}/actions/{action_id}", response={200: ActionOut, **ERRORS}, summary="Read an action"
)
def get_action(request: HttpRequest, case_id: str, action_id: str) -> Action:
    case = access.get_case(request, case_id, part="actions")
    return _read_action(case, action_id)


@router.put(
    "/{case_id}/actions/{action_id}",
    response={200: ActionOut, **WRITE_ERRORS, 409: StaleOut},
    summary="Change an action",
)
def change_action(
    request: HttpRequest, case_id: str, action_id: str, payload: ActionUpdate
) -> Action:
    """Replace the action's fields. 409 when `version` is not current: nothing changes,
    read the action again and send its `version`."""
    case = access.get_case(request, case_id, to_change=True)
    action = access.get_child(queries.actions_of(case), action_id)
    with renamed(ACTION_INPUT_NAMES):
        plan_actions.change_action(
            action, _action_data(case, payload), by=request.user, version=payload.version
        )
    return _read_action(case, action.pk)


def _read_action(case: Case, action_id: Any) -> Action:
    return access.get_child(queries.actions_of(case), action_id)


def _action_data(case: Case, payload: ActionIn) -> plan_actions.ActionData:
    ids = [payload.owner_id, *payload.with_actor_ids]
    actors = queries.actors_by_id(case, ids)
    errors: dict[str, str] = {}
    owner = actors.get(str(payload.owner_id))
    if owner is None:
        errors["owner_id"] = _("Choose the owner among the actors of this case's network.")
    with_actors = [actors.get(str(pk)) for pk in payload.with_actor_ids]
    if None in with_actors:
        errors["with_actor_ids"] = _(
            "Choose the companions among the actors of this case's network."
        )
    goal = None
    if payload.goal_id is not None:
        goal = case.goals.filter(pk=payload.goal_id).first()
        if goal is None:
            errors["goal_id"] = _("Choose a goal of this case.")
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    return plan_actions.ActionData(
        what=payload.what,
        owner=owner,
        with_actors=[actor for actor in with_actors if actor is not None],
        with_whom=payload.with_whom,
        how=payload.how,
        due_on=payload.due_on,
        status=payload.status,
        goal=goal,
        follow_up=payload.follow_up,
        category=payload.category,
    )


# The crisis plan


@router.get(
    "/{case_id}/crisis-plan",
    response={200: CrisisPlanOut, **ERRORS},
    summary="Read the crisis plan",
)
def get_crisis_plan(
    request: HttpRequest, case_id: str, query: Query[CrisisPlanQuery]
) -> CrisisPlan:
    """The current version with whom to call, in order (or `version`, an earlier one),
    and the list of versions. `version` is null while there is no crisis plan."""
    case = access.get_case(request, case_id, part="crisis_plan")
    versions = queries.crisis_plan_versions(case)
    if query.version is None:
        plan = queries.current_crisis_plan(case) if versions else None
    else:
        plan = queries.crisis_plan_version(case, query.version)
        if plan is None:
            raise Http404
    return _with_versions(plan, versions)


@router.put(
    "/{case_id}/crisis-plan",
    response={201: CrisisPlanOut, **WRITE_ERRORS, 409: StaleOut},
    summary="Save a new version of the crisis plan",
)
def save_crisis_plan(
    request: HttpRequest, case_id: str, payload: CrisisPlanIn
) -> Status[CrisisPlan]:
    """Every save is a new version; earlier ones stay. Send `based_on_version`, the
    version you read (null for the first): 409 with `current_version` if another was
    saved since, and nothing is saved."""
    case = access.get_case(request, case_id, to_change=True)
    contacts = _contacts(case, payload.contacts)
    sections = payload.model_dump(
        include={
            "warning_signs",
            "triggers",
            "what_helps",
            "what_to_avoid",
            "agreed_on",
            "present_at_agreement",
        }
    )
    sections.update(
        {f"preference_{name}": value for name, value in payload.preferences.model_dump().items()}
    )
    with renamed(CONTACT_INPUT_NAMES):
        plan = plan_actions.save_crisis_plan(
            case,
            sections,
            contacts,
            by=request.user,
            based_on_version=payload.based_on_version,
        )
    versions = queries.crisis_plan_versions(case)
    return Status(201, _with_versions(queries.crisis_plan_version(case, plan.version), versions))


def _contacts(case: Case, rows: list[CrisisContactIn]) -> list[plan_actions.ContactData]:
    actors = queries.actors_by_id(case, [row.actor_id for row in rows])
    errors = {
        f"contacts.{index}.actor_id": _("Choose an actor of this case's network.")
        for index, row in enumerate(rows)
        if row.actor_id is not None and str(row.actor_id) not in actors
    }
    if errors:
        raise ValidationError(errors)
    return [
        plan_actions.ContactData(
            actor=actors.get(str(row.actor_id)) if row.actor_id else None,
            name=row.name,
            phone=row.phone,
            when=row.when,
        )
        for row in rows
    ]
