"""API of the meeting of a case conference: attendance, decisions (each written into
the case's plan as an action) and each reader's minutes as a PDF.

Reads need the case to be visible (404 otherwise); writes need `conference.manage`
(the case's workers, the team lead and the team's conference organisers; 403).
"""

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from maillage import access
from maillage.categories import Category
from maillage.conferences import meeting, minutes, queries
from maillage.conferences.models import Conference, ConferenceDecision, Invitation
from maillage.network.models import Actor
from maillage.plans import queries as plan_queries

from .errors import OWN_ERROR, renamed
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
    pdf_response,
)

router = Router(tags=["conferences"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
WRITE_ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
# Fields of the actions → their names in the API body.
DECISION_INPUT_NAMES = {
    "owner": "owner_id",
    "action": "action_id",
    "agenda_item": "agenda_item_id",
}

AttendanceCode = Literal[tuple(Invitation.Attendance.values)]  # type: ignore[valid-type]
CategoryCode = Literal[tuple(Category.values)]  # type: ignore[valid-type]
Version = Annotated[int, Field(ge=1, le=MAX_INT)]

# Input


class AttendanceIn(Input):
    invitation_id: UUID = Field(description="An invitation to this conference.")
    attendance: AttendanceCode = Field(description='present, excused, absent, or "" (unknown).')
    represents: Text = Field("", max_length=max_length(Invitation, "represents"))
    duration_minutes: int | None = Field(None, ge=0, le=meeting.MAX_DURATION)
    version: Version | None = Field(
        None, description="The invitation's version you read; 409 if it changed since."
    )


class DecisionIn(Input):
    owner_id: UUID = Field(description="Who does it: a current actor of the case's network.")
    what: str = Field(min_length=1, max_length=LONG_TEXT)
    due_on: date | None = Field(None, description="When: YYYY-MM-DD.")
    how: Text = Field("", max_length=LONG_TEXT)
    with_whom: Text = Field("", max_length=max_length(ConferenceDecision, "with_whom"))
    category: CategoryCode = Category.PLAN
    action_id: UUID | None = Field(
        None, description="The action of the plan it changes; none: a new action is created."
    )
    agenda_item_id: int | None = Field(None, ge=1, le=MAX_INT)

    @field_validator("due_on")
    @classmethod
    def _sensible_due_on(cls, value: date | None) -> date | None:
        if value is not None and not date(1900, 1, 1) <= value <= date(2200, 12, 31):
            raise PydanticCustomError(OWN_ERROR, _("Enter a date between 1900 and 2200."))
        return value


class MinutesQuery(Input):
    recipient: UUID | None = Field(
        None, description="An invited actor's id; none: the case manager's full version."
    )


# Output


# Read from an `Actor`.
class ParticipantOut(Schema):
    id: Id
    name: str
    kind: str
    organisation: str
    profession: str


# Read from an `Invitation` (select `actor`).
class AttendanceOut(Schema):
    invitation_id: Id
    actor: ParticipantOut
    answer: str
    attendance: str = Field(description='present, excused, absent, or "" (not recorded).')
    represents: str
    duration_minutes: int | None
    version: int

    @staticmethod
    def resolve_invitation_id(invitation: Invitation) -> UUID:
        return invitation.pk


class AttendanceList(Schema):
    items: list[AttendanceOut]


# Read from an `Actor`.
class OwnerOut(Schema):
    id: Id
    name: str

    @staticmethod
    def resolve_name(actor: Actor) -> str:
        return str(actor)


# Read from a `ConferenceDecision` (select `owner`).
class ConferenceDecisionOut(Schema):
    id: Id
    what: str
    owner: OwnerOut
    due_on: OptionalIso
    how: str
    with_whom: str
    category: str
    action_id: OptionalId = Field(description="The action of the plan it created or changed.")
    agenda_item_id: int | None
    evaluation: str = Field(description='done, partly, not_done, dropped, or "" (not yet).')
    evaluation_comment: str
    evaluated_at: OptionalId = Field(description="The conference that evaluated it.")
    created_at: Iso
    version: int

    @staticmethod
    def resolve_evaluated_at(decision: ConferenceDecision) -> UUID | None:
        return decision.evaluated_at_id


class DecisionList(Schema):
    items: list[ConferenceDecisionOut]


# Attendance


@router.get(
    "/conferences/{conference_id}/attendance",
    response={200: AttendanceList, **ERRORS},
    summary="List the attendance",
)
def list_attendance(request: HttpRequest, conference_id: str) -> dict[str, Any]:
    """Each invitee: their answer, whether they came, whom they represented, how long."""
    conference = access.get_conference(request, conference_id)
    return {"items": queries.recipients(conference)}


@router.post(
    "/conferences/{conference_id}/attendance",
    response={200: AttendanceOut, **WRITE_ERRORS, 409: StaleOut},
    summary="Record one invitee's attendance",
)
def record_attendance(
    request: HttpRequest, conference_id: str, payload: AttendanceIn
) -> Invitation:
    conference = access.get_conference(request, conference_id, to_change=True)
    invitation = queries.recipients(conference).filter(pk=payload.invitation_id).first()
    if invitation is None:
        raise ValidationError({"invitation_id": _("Choose an invitation of this conference.")})
    data = meeting.AttendanceData(
        attendance=payload.attendance,
        represents=payload.represents,
        duration_minutes=payload.duration_minutes,
    )
    meeting.record_attendance(invitation, data, by=request.user, version=payload.version)
    return invitation


# Decisions


@router.get(
    "/conferences/{conference_id}/decisions",
    response={200: DecisionList, **ERRORS},
    summary="List the decisions",
)
def list_decisions(request: HttpRequest, conference_id: str) -> dict[str, Any]:
    """The conference's decisions, each with its action and, once a later conference
    evaluated it, its evaluation."""
    conference = access.get_conference(request, conference_id)
    return {"items": queries.decisions_of(conference)}


@router.post(
    "/conferences/{conference_id}/decisions",
    response={201: ConferenceDecisionOut, **WRITE_ERRORS},
    summary="Take a decision",
)
def take_decision(
    request: HttpRequest, conference_id: str, payload: DecisionIn
) -> Status[ConferenceDecision]:
    """Record who does what, when, how and with whom: it creates an action in the
    case's plan, or changes the one named by `action_id`; `action_id` in the answer."""
    conference = access.get_conference(request, conference_id, to_change=True)
    with renamed(DECISION_INPUT_NAMES):
        decision = meeting.take_decision(
            conference, _decision_data(conference, payload), by=request.user
        )
    return Status(201, decision)


def _decision_data(conference: Conference, payload: DecisionIn) -> meeting.DecisionData:
    case = conference.case
    errors: dict[str, str] = {}
    owner = plan_queries.actors_by_id(case, [payload.owner_id]).get(str(payload.owner_id))
    if owner is None:
        errors["owner_id"] = _("Choose the owner among the actors of this case's network.")
    action = None
    if payload.action_id is not None:
        action = case.actions.filter(pk=payload.action_id).first()
        if action is None:
            errors["action_id"] = _("Choose an action of this case's plan.")
    item = None
    if payload.agenda_item_id is not None:
        item = conference.agenda.filter(pk=payload.agenda_item_id).select_related("goal").first()
        if item is None:
            errors["agenda_item_id"] = _("Choose an item of this conference's agenda.")
    if errors:
        raise ValidationError(errors)
    assert owner is not None
    return meeting.DecisionData(
        what=payload.what,
        owner=owner,
        due_on=payload.due_on,
        how=payload.how,
        with_whom=payload.with_whom,
        category=payload.category,
        action=action,
        agenda_item=item,
    )


# Minutes


@router.get(
    "/conferences/{conference_id}/minutes.pdf",
    response={200: None, **ERRORS},
    summary="Read the minutes of one reader (PDF)",
    openapi_extra=pdf_response("The minutes this reader may read, as a PDF."),
)
def minutes_pdf(
    request: HttpRequest, conference_id: str, query: Query[MinutesQuery]
) -> HttpResponse:
    """The minutes as `recipient` (an invited actor) receives them: only the
    categories the consent in force shares with them, in their language. Without
    `recipient`, the case manager's full version, in the language of Accept-Language."""
    conference = access.get_conference(request, conference_id)
    reader = None
    if query.recipient is not None:
        reader = queries.recipients(conference).filter(actor_id=query.recipient).first()
        if reader is None:
            raise ValidationError({"recipient": _("Choose an actor invited to this conference.")})
    language = reader.language if reader is not None else translation.get_language()
    return minutes.pdf_response(request, conference, reader, language)
