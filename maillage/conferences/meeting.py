"""The meeting of a case conference: its agenda, attendance, notes, decisions that
become actions of the plan, the evaluation of earlier decisions, and closing the meeting.
Sending the minutes is in `delivery.py`.

Every write here takes keyword-only `by=`, runs in a transaction, checks its rules
(`ValidationError({"field": message})`), guards edited records with their `version`
(`StaleVersion`, through `maillage.versioning`) and records one audit event under the
part "conferences". What the meeting page reads is in `queries.py`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.categories import Category
from maillage.network.models import Actor
from maillage.plans import actions as plan_actions
from maillage.plans.models import Action, Goal
from maillage.versioning import StaleVersion, bump_version

from . import queries
from .models import AgendaItem, Conference, ConferenceDecision, Invitation

# Actions due within this many days are proposed for the agenda (overdue ones too).
DUE_SOON_DAYS = 30
# The longest a participant can have spent in one meeting, in minutes.
MAX_DURATION = 24 * 60
# The evaluations a decision can receive (not "not evaluated yet").
EVALUATIONS = tuple(value for value in ConferenceDecision.Evaluation.values if value)
# What an evaluation does to the action the decision created.
EVALUATION_ACTION_STATUS = {
    ConferenceDecision.Evaluation.DONE: Action.Status.DONE,
    ConferenceDecision.Evaluation.DROPPED: Action.Status.DROPPED,
}


@dataclass(frozen=True)
class AgendaItemData:
    title: str
    category: str = Category.PLAN
    notes: str = ""
    goal: Goal | None = None
    action: Action | None = None


@dataclass(frozen=True)
class AttendanceData:
    attendance: str
    represents: str = ""
    duration_minutes: int | None = None


@dataclass(frozen=True)
class DecisionData:
    what: str
    owner: Actor
    due_on: date | None = None
    how: str = ""
    with_whom: str = ""
    category: str = Category.PLAN
    # The action of the plan the decision is about (changed), else a new one is created.
    action: Action | None = None
    agenda_item: AgendaItem | None = None


@dataclass(frozen=True)
class EvaluationData:
    evaluation: str
    comment: str = ""


# The agenda


@transaction.atomic
def prepare_agenda(conference: Conference, *, by: User, today: date | None = None) -> int:
    """Add to the agenda what the case calls for: open goals, actions overdue or due
    within 30 days, and earlier decisions awaiting evaluation — each once, after the
    items already there. Return how many items were added."""
    _check_open(conference)
    proposals = agenda_proposals(conference, today or timezone.localdate())
    if not proposals:
        return 0
    position = _last_position(conference)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            conference=conference,
            position=position + index,
            title=data.title,
            category=data.category,
            goal=data.goal,
            action=data.action,
        )
        for index, data in enumerate(proposals, 1)
    )
    _audit_agenda(conference, by, ["agenda"])
    return len(proposals)


def agenda_proposals(conference: Conference, today: date) -> list[AgendaItemData]:
    """Items the agenda lacks: goals and actions not on it yet, without repeats."""
    case = conference.case
    on_agenda = list(conference.agenda.values_list("goal_id", "action_id", "title"))
    goals = {goal for goal, _action, _title in on_agenda if goal}
    actions = {action for _goal, action, _title in on_agenda if action}
    titles = {title for _goal, _action, title in on_agenda}
    found: list[AgendaItemData] = []
    for goal in case.goals.filter(status__in=Goal.OPEN_STATUSES).order_by("priority", "created_at"):
        if goal.pk not in goals:
            found.append(AgendaItemData(_title(goal.own_words), goal.category, goal=goal))
    due = (
        case.actions.pending()  # type: ignore[attr-defined]
        .filter(due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        .order_by("due_on", "created_at")
    )
    for action in due:
        if action.pk not in actions:
            actions.add(action.pk)
            found.append(AgendaItemData(_title(action.what), action.category, action=action))
    for decision in queries.decisions_to_evaluate(conference).filter(evaluation=""):
        if decision.action_id is None or decision.action_id not in actions:
            actions.add(decision.action_id)
            found.append(
                AgendaItemData(_title(decision.what), decision.category, action=decision.action)
            )
    return [data for data in found if data.title not in titles]


@transaction.atomic
def add_agenda_item(conference: Conference, data: AgendaItemData, *, by: User) -> AgendaItem:
    _check_open(conference)
    item = AgendaItem(conference=conference, position=_last_position(conference) + 1)
    _set_item(item, data)
    item.save(force_insert=True)
    _audit_agenda(conference, by, ["agenda"])
    return item


@transaction.atomic
def change_agenda_item(
    item: AgendaItem, data: AgendaItemData, *, by: User, version: int | None
) -> AgendaItem:
    """Edit an item's title, category and notes (what was said)."""
    _check_open(item.conference)
    bump_version(item, version)
    changes = _set_item(item, data)
    item.save(update_fields=["title", "category", "notes"])
    _audit_agenda(item.conference, by, changes)
    return item


@transaction.atomic
def move_agenda_item(item: AgendaItem, *, up: bool, by: User) -> AgendaItem:
    """Swap the item with the one before it (`up`) or after it; at an end, nothing moves."""
    _check_open(item.conference)
    siblings = item.conference.agenda.exclude(pk=item.pk)
    if up:
        other = siblings.filter(position__lte=item.position).order_by("-position").first()
    else:
        other = siblings.filter(position__gte=item.position).order_by("position").first()
    if other is None:
        return item
    if other.position == item.position:
        other.position += -1 if up else 1
    item.position, other.position = other.position, item.position
    AgendaItem.objects.bulk_update([item, other], ["position"])
    _audit_agenda(item.conference, by, ["position"])
    return item


@transaction.atomic
def remove_agenda_item(item: AgendaItem, *, by: User) -> None:
    """Take an item off the agenda, before the meeting is closed."""
    conference = item.conference
    _check_open(conference)
    if conference.status == Conference.Status.HELD:
        raise ValidationError(
            _("The meeting is closed: its agenda is part of the minutes and stays.")
        )
    item.delete()
    _audit_agenda(conference, by, ["agenda"])


def _set_item(item: AgendaItem, data: AgendaItemData) -> list[str]:
    values = {"title": data.title.strip(), "category": data.category, "notes": data.notes.strip()}
    if item.pk is None:
        values.update(goal=data.goal, action=data.action)
    changes = _apply(item, values)
    errors: dict[str, Any] = {}
    try:
        item.full_clean(exclude=["conference", "position", "goal", "action"])
    except ValidationError as error:
        errors.update(error.message_dict)
    case_id = item.conference.case_id
    if data.goal is not None and data.goal.case_id != case_id:
        errors["goal"] = [_("Choose a goal of this case.")]
    if data.action is not None and data.action.case_id != case_id:
        errors["action"] = [_("Choose an action of this case's plan.")]
    if errors:
        raise ValidationError(errors)
    return changes


def _title(text: str) -> str:
    limit = AgendaItem._meta.get_field("title").max_length or 300
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _last_position(conference: Conference) -> int:
    return conference.agenda.aggregate(last=Max("position"))["last"] or 0


def _audit_agenda(conference: Conference, by: User, changes: list[str]) -> None:
    audit.record(
        by,
        "conference.agenda_changed",
        person=conference.case.person_id,
        case=conference.case_id,
        target=conference,
        part="conferences",
        changes=changes,
    )


# Attendance


class RowsRefused(Exception):
    """Rows of the attendance grid were refused, and nothing of the grid was saved.

    `errors` maps each refused invitation's id to why: a `ValidationError` (by field)
    or a `StaleVersion` (someone else recorded that row since the page was read).
    """

    def __init__(self, errors: dict[Any, ValidationError | StaleVersion]) -> None:
        super().__init__(f"{len(errors)} row(s) refused")
        self.errors = errors


@dataclass(frozen=True)
class AttendanceRow:
    """One row of the attendance grid: the invitation, what was typed, the version read."""

    invitation: Invitation
    data: AttendanceData
    version: int | None


@transaction.atomic
def record_attendance(
    invitation: Invitation, data: AttendanceData, *, by: User, version: int | None
) -> Invitation:
    """Record whether the invitee came, whom they represented and how long they stayed."""
    _check_open(invitation.conference)
    errors = _attendance_errors(data)
    if errors:
        raise ValidationError(errors)
    bump_version(invitation, version)
    _save_attendance(invitation, data, by=by)
    return invitation


@transaction.atomic
def record_attendances(
    conference: Conference, rows: list[AttendanceRow], *, by: User
) -> list[Invitation]:
    """Record the attendance of several invitees at once, all or nothing.

    A row whose values are those already recorded is left alone. Each other row is
    checked against the version it was read at: when any row is refused, nothing is
    saved and `RowsRefused` names every refused row. Return the invitations changed.
    """
    _check_open(conference)
    refused: dict[Any, ValidationError | StaleVersion] = {}
    changed = []
    for row in rows:
        invitation = row.invitation
        if invitation.conference_id != conference.pk:
            raise ValueError("An invitation of another conference.")
        invitation.conference = conference
        errors = _attendance_errors(row.data)
        if errors:
            refused[invitation.pk] = ValidationError(errors)
            continue
        if not _attendance_changes(invitation, row.data):
            continue
        try:
            bump_version(invitation, row.version)
        except StaleVersion as stale:
            refused[invitation.pk] = stale
            continue
        _save_attendance(invitation, row.data, by=by)
        changed.append(invitation)
    if refused:
        raise RowsRefused(refused)  # the transaction rolls back what was saved above
    return changed


def _attendance_errors(data: AttendanceData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.attendance not in Invitation.Attendance.values:
        errors["attendance"] = [_("Choose present, excused or absent.")]
    limit = Invitation._meta.get_field("represents").max_length or 200
    if len(data.represents.strip()) > limit:
        errors["represents"] = [_("Enter at most %(max)s characters.") % {"max": limit}]
    minutes_ = data.duration_minutes
    if minutes_ is not None and not 0 <= minutes_ <= MAX_DURATION:
        errors["duration_minutes"] = [
            _("Enter a time between 0 and %(max)s minutes.") % {"max": MAX_DURATION}
        ]
    elif minutes_ and data.attendance != Invitation.Attendance.PRESENT:
        errors["duration_minutes"] = [_("Only a participant who was present spent time in it.")]
    return errors


def _attendance_values(data: AttendanceData) -> dict[str, Any]:
    return {
        "attendance": data.attendance,
        "represents": data.represents.strip(),
        "duration_minutes": data.duration_minutes,
    }


def _attendance_changes(invitation: Invitation, data: AttendanceData) -> list[str]:
    values = _attendance_values(data)
    return [name for name, value in values.items() if getattr(invitation, name) != value]


def _save_attendance(invitation: Invitation, data: AttendanceData, *, by: User) -> None:
    conference = invitation.conference
    changes = _apply(invitation, _attendance_values(data))
    invitation.save(update_fields=["attendance", "represents", "duration_minutes"])
    audit.record(
        by,
        "conference.attendance_recorded",
        person=conference.case.person_id,
        case=conference.case_id,
        target=invitation,
        part="conferences",
        changes=changes,
    )


# Decisions


@transaction.atomic
def take_decision(conference: Conference, data: DecisionData, *, by: User) -> ConferenceDecision:
    """Record a decision — who does what, when, how, with whom — and write it into the
    case's plan: it changes the action it is about, or creates a new one (serving the
    goal of its agenda item); the decision and the action are linked both ways."""
    _check_open(conference)
    case = conference.case
    decision = ConferenceDecision(
        conference=conference,
        agenda_item=data.agenda_item,
        what=data.what.strip(),
        owner=data.owner,
        due_on=data.due_on,
        how=data.how.strip(),
        with_whom=data.with_whom.strip(),
        category=data.category,
    )
    _check_decision(decision, data)
    if data.action is None:
        goal = data.agenda_item.goal if data.agenda_item is not None else None
        action = plan_actions.add_action(case, _action_data(data, goal=goal), by=by)
    else:
        action = data.action
        plan_actions.change_action(action, _action_data(data, about=action), by=by, version=None)
    decision.action = action
    decision.save(force_insert=True)
    audit.record(
        by,
        "conference.decision_taken",
        person=case.person_id,
        case=case,
        target=decision,
        part="conferences",
        changes=[
            name
            for name in ("what", "owner", "due_on", "how", "with_whom", "category", "action")
            if getattr(decision, name)
        ],
    )
    return decision


def _check_decision(decision: ConferenceDecision, data: DecisionData) -> None:
    errors: dict[str, Any] = {}
    try:
        decision.full_clean(exclude=["conference", "agenda_item", "owner", "action"])
    except ValidationError as error:
        errors.update(error.message_dict)
    case_id = decision.conference.case_id
    if data.owner.case_id != case_id:
        errors["owner"] = [_("Choose the owner among the actors of this case's network.")]
    elif not data.owner.is_current():
        errors["owner"] = [_("This actor is no longer in the network: choose a current actor.")]
    if data.action is not None and data.action.case_id != case_id:
        errors["action"] = [_("Choose an action of this case's plan.")]
    item = data.agenda_item
    if item is not None and item.conference_id != decision.conference_id:
        errors["agenda_item"] = [_("Choose an item of this conference's agenda.")]
    if errors:
        raise ValidationError(errors)


def _action_data(
    data: DecisionData, *, goal: Goal | None = None, about: Action | None = None
) -> plan_actions.ActionData:
    """The action as the decision says: a new one, or the one it is about with its goal,
    companions and notes kept (reopened if it was done or dropped)."""
    status = Action.Status.PLANNED
    follow_up = ""
    with_actors: list[Actor] = []
    if about is not None:
        goal = about.goal
        follow_up = about.follow_up
        with_actors = list(about.with_actors.all())
        if about.status in Action.PENDING:
            status = about.status
    return plan_actions.ActionData(
        what=data.what,
        owner=data.owner,
        with_actors=with_actors,
        with_whom=data.with_whom,
        how=data.how,
        due_on=data.due_on,
        status=status,
        goal=goal,
        follow_up=follow_up,
        category=data.category,
    )


@transaction.atomic
def evaluate_decision(
    decision: ConferenceDecision,
    data: EvaluationData,
    *,
    at: Conference,
    by: User,
    version: int | None,
) -> ConferenceDecision:
    """Evaluate a decision of an earlier conference at this one (`at`): done, partly,
    not done or dropped, with a comment. "Done" and "dropped" close its action."""
    _check_open(at)
    errors: dict[str, list[str]] = {}
    if data.evaluation not in EVALUATIONS:
        errors["evaluation"] = [_("Choose done, partly done, not done or dropped.")]
    earlier = decision.conference
    if (
        earlier.case_id != at.case_id
        or earlier.status != Conference.Status.HELD
        or earlier.starts_at >= at.starts_at
    ):
        errors["decision"] = [_("Only decisions of an earlier conference can be evaluated.")]
    elif decision.evaluated_at_id not in (None, at.pk):
        errors["decision"] = [_("This decision was already evaluated at another conference.")]
    if errors:
        raise ValidationError(errors)
    bump_version(decision, version)
    changes = _apply(
        decision,
        {
            "evaluation": data.evaluation,
            "evaluation_comment": data.comment.strip(),
            "evaluated_at": at,
        },
    )
    decision.save(update_fields=["evaluation", "evaluation_comment", "evaluated_at"])
    status = EVALUATION_ACTION_STATUS.get(data.evaluation)
    action = decision.action
    if status is not None and action is not None and action.status != status:
        plan_actions.change_action_status(action, status, by=by, version=None)
    audit.record(
        by,
        "conference.decision_evaluated",
        person=at.case.person_id,
        case=at.case_id,
        target=decision,
        part="conferences",
        changes=changes,
    )
    return decision


# Closing the meeting


@transaction.atomic
def hold_conference(conference: Conference, *, by: User, version: int | None) -> Conference:
    """Close the meeting: the conference was held, now."""
    if conference.status == Conference.Status.HELD:
        raise ValidationError(_("This meeting is already closed."))
    _check_open(conference)
    now = timezone.now()
    if conference.starts_at > now:
        raise ValidationError(_("A meeting cannot be closed before it starts."))
    bump_version(conference, version)
    conference.status = Conference.Status.HELD
    conference.held_at = now
    conference.save(update_fields=["status", "held_at", "updated_at"])
    audit.record(
        by,
        "conference.held",
        person=conference.case.person_id,
        case=conference.case_id,
        target=conference,
        part="conferences",
        changes=["status", "held_at"],
    )
    return conference


# Shared checks


def _check_open(conference: Conference) -> None:
    if conference.status == Conference.Status.CANCELLED:
        raise ValidationError(_("This conference was cancelled: its record cannot change."))


def _apply(obj: Any, values: dict[str, Any]) -> list[str]:
    """Set the values on `obj`; return the names of those that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name, None) != value:
            changed.append(name)
        setattr(obj, name, value)
    return changed
