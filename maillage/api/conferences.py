"""Case conferences: list and plan a case's conferences, read and reschedule one,
invite the network, and the meeting's iCalendar file."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from maillage import access
from maillage.cases.models import Case
from maillage.conferences import actions, ical
from maillage.conferences.models import Conference, Invitation

from .schemas import (
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

router = Router(tags=["conferences"])

READ_ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)


# Input


class ConferenceIn(Input):
    starts_at: datetime = Field(
        description="ISO 8601; a past date records a meeting that already took place."
    )
    duration_minutes: int = Field(90, ge=15, le=actions.LONGEST_MINUTES)
    place: Text = Field("", max_length=max_length(Conference, "place"))
    video_link: Text = Field("", max_length=200)
    facilitator: str | None = Field(
        None, max_length=150, description="Username of a user who may manage conferences."
    )
    funding_scheme: str | None = Field(None, max_length=50, description="Funding scheme code.")


class ConferenceUpdateIn(ConferenceIn):
    """Every field as read, changed where needed; a new time or place sends updates."""

    version: int = Field(ge=1, le=MAX_INT, description="The version you read; 409 if it changed.")


class InvitationsIn(Input):
    actor_ids: list[UUID] = Field(min_length=1, max_length=100)
    send: bool = Field(True, description="Email the invitations now.")


# Output


# Read from an `Invitation` (select `actor`).
class InvitationOut(Schema):
    id: Id
    actor_id: Id
    actor: str
    kind: str
    email: str
    language: str
    sent_at: OptionalIso
    sent_sequence: int | None
    answer: str
    answered_at: OptionalIso

    @staticmethod
    def resolve_actor(invitation: Invitation) -> str:
        return str(invitation.actor)

    @staticmethod
    def resolve_kind(invitation: Invitation) -> str:
        return invitation.actor.kind


# Read from a `Conference` (select `organiser`, `facilitator` and `funding_scheme`).
class ConferenceOut(Schema):
    id: Id
    case_id: Id
    starts_at: Iso
    duration_minutes: int
    place: str
    video_link: str
    organiser: str
    facilitator: str | None
    status: str
    funding_scheme: str | None
    next_conference_id: OptionalId
    ical_uid: str
    ical_sequence: int
    version: int

    @staticmethod
    def resolve_organiser(conference: Conference) -> str:
        return conference.organiser.username

    @staticmethod
    def resolve_facilitator(conference: Conference) -> str | None:
        return conference.facilitator.username if conference.facilitator else None

    @staticmethod
    def resolve_funding_scheme(conference: Conference) -> str | None:
        return conference.funding_scheme.code if conference.funding_scheme else None


# Read from a `Conference`.
class ConferenceDetailOut(ConferenceOut):
    invitations: list[InvitationOut]

    @staticmethod
    def resolve_invitations(conference: Conference) -> QuerySet[Invitation]:
        return actions.invitations_of(conference)


class ConferenceList(Schema):
    items: list[ConferenceOut]


# Views


@router.get(
    "/cases/{case_id}/conferences",
    response={200: ConferenceList, **READ_ERRORS},
    summary="List a case's conferences",
)
def list_conferences(request: HttpRequest, case_id: str) -> dict[str, Any]:
    """Newest first."""
    case = access.get_case(request, case_id, part="conferences")
    return {"items": actions.conferences_of(case)}


@router.post(
    "/cases/{case_id}/conferences",
    response={201: ConferenceDetailOut, **ERRORS},
    summary="Plan a conference",
)
def schedule_conference(
    request: HttpRequest, case_id: str, payload: ConferenceIn
) -> Status[Conference]:
    """You become its organiser. Give a `place`, a `video_link`, or both; a past
    `starts_at` records a meeting that already took place (no invitation is sent for it).
    Invite the network next (POST …/invitations)."""
    case = access.get_case(
        request, case_id, to_change=True, action="conference.manage", part="conferences"
    )
    conference = actions.schedule_conference(case, by=request.user, **_fields(case, payload))
    return Status(201, conference)


@router.get(
    "/conferences/{conference_id}",
    response={200: ConferenceDetailOut, **READ_ERRORS},
    summary="Read a conference",
)
def get_conference(request: HttpRequest, conference_id: str) -> Conference:
    """With its invitations and their answers."""
    return access.get_conference(request, conference_id)


@router.put(
    "/conferences/{conference_id}",
    response={200: ConferenceDetailOut, 409: StaleOut, **ERRORS},
    summary="Change or reschedule a conference",
)
def update_conference(
    request: HttpRequest, conference_id: str, payload: ConferenceUpdateIn
) -> Conference:
    """Send every field as read, with its `version` (409 with `current_version` when it
    changed since). A new time, duration or place raises `ical_sequence` and emails an
    update to everyone already invited."""
    conference = access.get_conference(request, conference_id, to_change=True)
    fields = _fields(conference.case, payload)
    actions.update_conference(
        conference,
        by=request.user,
        version=payload.version,
        **fields,
    )
    return conference


@router.post(
    "/conferences/{conference_id}/invitations",
    response={200: ConferenceDetailOut, **ERRORS},
    summary="Invite network actors",
)
def invite(request: HttpRequest, conference_id: str, payload: InvitationsIn) -> Conference:
    """`actor_ids`: current actors of the case's network (the person and carers too).
    With `send` (default), each invitee with an email address who has not received the
    current version is emailed, in their language, with an iCalendar file."""
    conference = access.get_conference(request, conference_id, to_change=True)
    wanted = list(dict.fromkeys(payload.actor_ids))
    found = {a.pk: a for a in conference.case.actors.filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise ValidationError({"actor_ids": _not_in_network()})
    try:
        actions.invite(conference, by=request.user, actors=[found[pk] for pk in wanted])
    except ValidationError as error:
        raise ValidationError({"actor_ids": _not_in_network()}) from error
    if payload.send:
        actions.send_invitations(conference, by=request.user)
    return conference


ICS_RESPONSE = {
    "responses": {
        200: {
            "description": "The meeting as an iCalendar invitation (METHOD:REQUEST).",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/conferences/{conference_id}/invite.ics",
    response={200: None, **READ_ERRORS},
    summary="The meeting's iCalendar file",
    openapi_extra=ICS_RESPONSE,
)
def invite_ics(request: HttpRequest, conference_id: str) -> HttpResponse:
    """The same UID for the meeting's whole life, its current SEQUENCE, and the invitees
    with an email address and their answers; no name of the person, no case content."""
    conference = access.get_conference(request, conference_id)
    method = "CANCEL" if conference.status == Conference.Status.CANCELLED else "REQUEST"
    body = ical.conference_event(
        conference,
        method=method,
        organiser_name=actions.case_manager_name(conference),
        attendees=list(actions.invitations_of(conference)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="invitation.ics"'
    return response


def _fields(case: Case, payload: ConferenceIn) -> dict[str, Any]:
    starts_at = payload.starts_at
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    return {
        "starts_at": starts_at,
        "duration_minutes": payload.duration_minutes,
        "place": payload.place,
        "video_link": payload.video_link,
        "facilitator": actions.facilitator_by_username(case, payload.facilitator),
        "funding_scheme": actions.funding_scheme_by_code(payload.funding_scheme),
    }


def _not_in_network() -> str:
    return _("Invite only actors in the current network of this case.")
