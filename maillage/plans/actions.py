"""Every write to the plans: goals, actions ("who does what, when") and the crisis plan.

Goals and actions are edited in place, guarded by their `version`; the crisis plan is
never overwritten: each save is a new numbered version, based on the one the user read.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.categories import Category, LifeDomain
from maillage.network.models import Actor
from maillage.versioning import StaleVersion, bump_version

from .models import Action, CrisisContact, CrisisPlan, Goal

# Whom to call, at most this many, in order.
MAX_CONTACTS = 8
# The sections of a crisis plan version, as model fields.
CRISIS_FIELDS = (
    "warning_signs",
    "triggers",
    "what_helps",
    "what_to_avoid",
    "preference_treatment",
    "preference_hospital",
    "preference_children",
    "preference_pets",
    "preference_home",
    "preference_money",
    "agreed_on",
    "present_at_agreement",
)


@dataclass(frozen=True)
class GoalData:
    own_words: str
    reformulation: str = ""
    priority: int = Goal.Priority.MEDIUM
    status: str = Goal.Status.OPEN
    life_domains: list[str] = field(default_factory=list)
    category: str = Category.PLAN


@dataclass(frozen=True)
class ActionData:
    what: str
    owner: Actor
    with_actors: list[Actor] = field(default_factory=list)
    with_whom: str = ""
    how: str = ""
    due_on: date | None = None
    status: str = Action.Status.PLANNED
    goal: Goal | None = None
    follow_up: str = ""
    category: str = Category.PLAN


@dataclass(frozen=True)
class ContactData:
    """One row of "whom to call": a network actor, or a name and a number ("112")."""

    actor: Actor | None = None
    name: str = ""
    phone: str = ""
    when: str = ""

    def is_empty(self) -> bool:
        return self.actor is None and not (self.name or self.phone or self.when)


# Goals

GOAL_FIELDS = ("own_words", "reformulation", "priority", "status", "life_domains", "category")


@transaction.atomic
def add_goal(case: Case, data: GoalData, *, by: User) -> Goal:
    """Write a goal in the person's own words."""
    goal = Goal(case=case, created_by=by)
    changes = _apply(goal, _goal_values(data))
    _check_goal(goal)
    goal.save(force_insert=True)
    audit.record(
        by,
        "goal.added",
        person=case.person_id,
        case=case,
        target=goal,
        part="goals",
        changes=changes,
    )
    return goal


@transaction.atomic
def change_goal(goal: Goal, data: GoalData, *, by: User, version: int | None) -> Goal:
    """Edit a goal (its status too); refused if someone saved it since `version`."""
    bump_version(goal, version)
    changes = _apply(goal, _goal_values(data))
    _check_goal(goal)
    goal.save(update_fields=[*GOAL_FIELDS, "updated_at"])
    audit.record(
        by,
        "goal.changed",
        person=goal.case.person_id,
        case=goal.case_id,
        target=goal,
        part="goals",
        changes=changes,
    )
    return goal


def _goal_values(data: GoalData) -> dict[str, Any]:
    # Keep the order chosen, without repeats.
    domains = list(dict.fromkeys(data.life_domains))
    return {
        "own_words": data.own_words.strip(),
        "reformulation": data.reformulation.strip(),
        "priority": data.priority,
        "status": data.status,
        "life_domains": domains,
        "category": data.category,
    }


def _check_goal(goal: Goal) -> None:
    errors: dict[str, Any] = {}
    try:
        goal.full_clean(exclude=["case", "created_by", "life_domains"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if not isinstance(goal.life_domains, list) or any(
        domain not in LifeDomain.values for domain in goal.life_domains
    ):
        errors["life_domains"] = [_("Choose life domains from the list.")]
    if errors:
        raise ValidationError(errors)


# Actions

ACTION_FIELDS = (
    "what",
    "owner",
    "with_whom",
    "how",
    "due_on",
    "status",
    "goal",
    "follow_up",
    "category",
)


@transaction.atomic
def add_action(case: Case, data: ActionData, *, by: User) -> Action:
    """Plan who does what, when, how and with whom; the owner is a current actor."""
    action = Action(case=case, created_by=by)
    changes = _apply(action, _action_values(data))
    with_actors = _check_action(action, data, before=None)
    action.save(force_insert=True)
    action.with_actors.set(with_actors)
    if with_actors:
        changes.append("with_actors")
    audit.record(
        by,
        "action.added",
        person=case.person_id,
        case=case,
        target=action,
        part="actions",
        changes=changes,
    )
    return action


@transaction.atomic
def change_action(action: Action, data: ActionData, *, by: User, version: int | None) -> Action:
    """Edit an action; refused if someone saved it since `version`.

    An owner or companion who has since left the network may stay on the action;
    anyone newly named must be a current actor of the case.
    """
    bump_version(action, version)
    before = {
        "owner": action.owner_id,
        "with_actors": {actor.pk for actor in action.with_actors.all()},
    }
    changes = _apply(action, _action_values(data))
    with_actors = _check_action(action, data, before=before)
    action.save(update_fields=[*ACTION_FIELDS, "updated_at"])
    if {actor.pk for actor in with_actors} != before["with_actors"]:
        action.with_actors.set(with_actors)
        changes.append("with_actors")
    audit.record(
        by,
        "action.changed",
        person=action.case.person_id,
        case=action.case_id,
        target=action,
        part="actions",
        changes=changes,
    )
    return action


@transaction.atomic
def change_action_status(action: Action, status: str, *, by: User, version: int | None) -> Action:
    """Mark an action planned, in progress, done or dropped."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    bump_version(action, version)
    changes = _apply(action, {"status": status})
    action.save(update_fields=["status", "updated_at"])
    audit.record(
        by,
        "action.changed",
        person=action.case.person_id,
        case=action.case_id,
        target=action,
        part="actions",
        changes=changes,
    )
    return action


def _action_values(data: ActionData) -> dict[str, Any]:
    return {
        "what": data.what.strip(),
        "owner": data.owner,
        "with_whom": data.with_whom.strip(),
        "how": data.how.strip(),
        "due_on": data.due_on,
        "status": data.status,
        "goal": data.goal,
        "follow_up": data.follow_up.strip(),
        "category": data.category,
    }


def _check_action(
    action: Action, data: ActionData, *, before: dict[str, Any] | None
) -> list[Actor]:
    """Check the rules; return the companions to keep (never the owner)."""
    errors: dict[str, Any] = {}
    try:
        action.full_clean(exclude=["case", "owner", "goal", "created_by"])
    except ValidationError as error:
        errors.update(error.message_dict)
    kept_owner = before is not None and data.owner.pk == before["owner"]
    if data.owner.case_id != action.case_id:
        errors["owner"] = [_("Choose the owner among the actors of this case's network.")]
    elif not kept_owner and not data.owner.is_current():
        errors["owner"] = [_("This actor is no longer in the network: choose a current actor.")]
    kept = before["with_actors"] if before else set()
    others = [actor for actor in data.with_actors if actor.pk != data.owner.pk]
    if any(actor.case_id != action.case_id for actor in others):
        errors["with_actors"] = [
            _("Choose the companions among the actors of this case's network.")
        ]
    elif any(actor.pk not in kept and not actor.is_current() for actor in others):
        errors["with_actors"] = [_("Someone chosen is no longer in the network.")]
    if data.goal is not None and data.goal.case_id != action.case_id:
        errors["goal"] = [_("Choose a goal of this case.")]
    if errors:
        raise ValidationError(errors)
    return list({actor.pk: actor for actor in others}.values())


# Crisis plan


@transaction.atomic
def save_crisis_plan(
    case: Case,
    sections: dict[str, Any],
    contacts: list[ContactData],
    *,
    by: User,
    based_on_version: int | None,
) -> CrisisPlan:
    """Save the crisis plan as a new version, never overwriting the one it is based on.

    `based_on_version` is the version the user read (None for the first plan); if
    another version was saved since, StaleVersion tells the current one.
    """
    current = case.crisis_plans.order_by("-version").first()
    current_version = current.version if current is not None else None
    if based_on_version is not None and (current_version or 0) < based_on_version:
        raise ValidationError(
            {
                "based_on_version": _("There is no version %(version)s of this crisis plan.")
                % {"version": based_on_version}
            }
        )
    if based_on_version != current_version:
        raise StaleVersion(current_version or 0)
    unknown = set(sections) - set(CRISIS_FIELDS)
    if unknown:
        raise ValueError(f"Unknown crisis plan sections: {sorted(unknown)}")
    plan = CrisisPlan(case=case, version=(current_version or 0) + 1, created_by=by)
    _apply(plan, {name: _stripped(value) for name, value in sections.items()})
    rows = _check_crisis_plan(plan, contacts)
    try:
        with transaction.atomic():
            plan.save(force_insert=True)
    except IntegrityError:  # another version was saved at the same moment
        raise StaleVersion(current_version or 0) from None
    CrisisContact.objects.bulk_create(
        CrisisContact(
            crisis_plan=plan,
            position=position,
            actor=row.actor,
            name=row.name.strip(),
            phone=row.phone.strip(),
            when=row.when.strip(),
        )
        for position, row in enumerate(rows, 1)
    )
    audit.record(
        by,
        "crisis_plan.versioned",
        person=case.person_id,
        case=case,
        target=plan,
        part="crisis_plan",
        changes=_crisis_changes(current, plan, rows),
    )
    return plan


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _check_crisis_plan(plan: CrisisPlan, contacts: list[ContactData]) -> list[ContactData]:
    """Check the version and its contacts; return the contacts to keep, in order."""
    errors: dict[str, Any] = {}
    try:
        plan.full_clean(exclude=["case", "created_by", "version"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if plan.agreed_on is not None and plan.agreed_on > timezone.localdate():
        errors["agreed_on"] = [_("The agreement cannot be dated in the future.")]
    rows = [row for row in contacts if not row.is_empty()]
    if len(rows) > MAX_CONTACTS:
        errors["contacts"] = [
            _("List at most %(count)s people or numbers to call.") % {"count": MAX_CONTACTS}
        ]
    for index, row in enumerate(contacts):
        if not row.is_empty():
            errors.update(_contact_errors(plan, row, f"contacts.{index}"))
    if errors:
        raise ValidationError(errors)
    return rows


def _contact_errors(plan: CrisisPlan, row: ContactData, prefix: str) -> dict[str, list[str]]:
    limits = {
        name: CrisisContact._meta.get_field(name).max_length for name in ("name", "phone", "when")
    }
    errors = {
        f"{prefix}.{name}": [_("Enter at most %(max)s characters.") % {"max": limit}]
        for name, limit in limits.items()
        if limit is not None and len(getattr(row, name).strip()) > limit
    }
    if row.actor is not None:
        if row.actor.case_id != plan.case_id:
            errors[f"{prefix}.actor"] = [_("Choose an actor of this case's network.")]
        elif not row.actor.is_current():
            errors[f"{prefix}.actor"] = [_("This actor is no longer in the network.")]
        return errors
    if not row.name.strip():
        errors[f"{prefix}.name"] = [_("Give the name of the person or service to call.")]
    if not row.phone.strip():
        errors[f"{prefix}.phone"] = [_("Give the number to call.")]
    return errors


def _crisis_changes(
    previous: CrisisPlan | None, plan: CrisisPlan, rows: list[ContactData]
) -> list[str]:
    """The sections that differ from the previous version (names only)."""
    changes = [
        name
        for name in CRISIS_FIELDS
        if getattr(plan, name)
        != (getattr(previous, name) if previous else CrisisPlan._meta.get_field(name).get_default())
    ]
    before = (
        [(c.actor_id, c.name, c.phone, c.when) for c in previous.contacts.all()] if previous else []
    )
    after = [
        (r.actor.pk if r.actor else None, r.name.strip(), r.phone.strip(), r.when.strip())
        for r in rows
    ]
    if before != after:
        changes.append("contacts")
    return changes


def _apply(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the values on `obj`; return the names of those that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name, None) != value:
            changed.append(name)
        setattr(obj, name, value)
    return changed
