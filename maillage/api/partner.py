"""The partner API (`/api/v1/partner/…`): a partner's token reaches only the content
their networks' consents share with them — the same rule and the same reads as the
partner pages (`maillage.access.partner`), recomputed on every call."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from maillage import access
from maillage.access import partner as scoped
from maillage.cases.models import JournalEntry
from maillage.categories import Category
from maillage.conferences import minutes
from maillage.conferences.models import Invitation
from maillage.partners import actions
from maillage.people.models import Person
from maillage.plans.models import Action, CrisisContact, CrisisPlan

from .assessments import DomainOut
from .journal import JournalEntryOut
from .schemas import (
    LONG_TEXT,
    MAX_INT,
    ErrorOut,
    Id,
    Input,
    Iso,
    OptionalIso,
    StaleOut,
    iso,
    pdf_response,
)

router = Router(tags=["partner"])

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
# The latest journal entries an answer holds.
API_JOURNAL = 100


# Read from a `PartnerScope`.
class PartnerCaseOut(Schema):
    id: str
    label: str = Field(description="The person's name if identity is shared, else a reference.")
    team: str
    categories: list[str]

    @staticmethod
    def resolve_id(scope: scoped.PartnerScope) -> str:
        return str(scope.case.pk)

    @staticmethod
    def resolve_team(scope: scoped.PartnerScope) -> str:
        return str(scope.case.team)

    @staticmethod
    def resolve_categories(scope: scoped.PartnerScope) -> list[str]:
        return sorted(scope.categories)


class JournalIn(Input):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    occurred_at: datetime | None = None
    kind: JournalEntry.Kind
    duration_minutes: int | None = Field(None, ge=0, le=24 * 60)
    participants: str = Field("", max_length=500)
    text: str = Field(..., min_length=1, max_length=LONG_TEXT)
    category: Category = Field(description="One of the categories shared with you.")


class ActionPatch(Input):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    version: int = Field(ge=1, le=MAX_INT, description="The version you read; 409 if it changed.")
    status: Action.Status | None = None
    follow_up: str | None = Field(None, max_length=LONG_TEXT)
    due_on: date | None = Field(None, description="Omit to keep the date; null clears it.")


# Read from an `Action` given by `_seen_action()`.
class PartnerActionOut(Schema):
    id: Id
    what: str
    how: str
    owner: str
    mine: bool
    due_on: OptionalIso
    status: str
    follow_up: str
    category: str
    goal_id: str | None
    version: int

    @staticmethod
    def resolve_owner(action: Action) -> str:
        return action.owner_name  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_goal_id(action: Action) -> str | None:
        return action.readable_goal_id  # type: ignore[attr-defined, no-any-return]


# Read from a `Person`.
class PartnerPersonOut(Schema):
    given_name: str
    family_name: str
    birth_date: OptionalIso


# Read from a `Person`.
class PartnerContactOut(Schema):
    phone: str
    email: str


# Read from a `SharedCase` that has an assessment.
class PartnerAssessmentOut(Schema):
    assessed_on: Iso
    domains: list[DomainOut]

    @staticmethod
    def resolve_assessed_on(shared: scoped.SharedCase) -> date | None:
        return shared.assessment.assessed_on if shared.assessment is not None else None


# Read from a `Goal`.
class PartnerGoalOut(Schema):
    id: Id
    own_words: str
    reformulation: str
    status: str
    category: str


# Read from a `CrisisContact` given by `_as_seen()`.
class PartnerCrisisContactOut(Schema):
    name: str
    phone: str
    when: str

    @staticmethod
    def resolve_name(contact: CrisisContact) -> str:
        return contact.seen_name  # type: ignore[attr-defined, no-any-return]

    @staticmethod
    def resolve_phone(contact: CrisisContact) -> str:
        return contact.actor.phone if contact.actor else contact.phone


# Read from a `CrisisPlan` given by `_as_seen()`.
class PartnerCrisisPlanOut(Schema):
    version: int
    warning_signs: str
    triggers: str
    what_helps: str
    what_to_avoid: str
    contacts: list[PartnerCrisisContactOut]

    @staticmethod
    def resolve_contacts(plan: CrisisPlan) -> list[CrisisContact]:
        return plan.seen_contacts  # type: ignore[attr-defined, no-any-return]


# Read from an `Actor`.
class PartnerActorOut(Schema):
    name: str
    organisation: str
    profession: str


# Read from an `Invitation` (select `conference`).
class PartnerMinutesOut(Schema):
    conference_id: Id
    starts_at: Iso

    @staticmethod
    def resolve_starts_at(invitation: Invitation) -> datetime:
        return invitation.conference.starts_at


# Read from a `SharedCase` given by `_as_seen()`.
class PartnerCaseDetailOut(PartnerCaseOut):
    """Only what the categories shared with you allow; null or empty otherwise."""

    person: PartnerPersonOut | None
    contact: PartnerContactOut | None
    journal: list[JournalEntryOut]
    assessment: PartnerAssessmentOut | None
    goals: list[PartnerGoalOut]
    actions: list[PartnerActionOut]
    crisis_plan: PartnerCrisisPlanOut | None
    network: list[PartnerActorOut]
    minutes: list[PartnerMinutesOut]

    @staticmethod
    def resolve_id(shared: scoped.SharedCase) -> str:  # type: ignore[override]
        return PartnerCaseOut.resolve_id(shared.scope)

    @staticmethod
    def resolve_label(shared: scoped.SharedCase) -> str:
        return shared.scope.label

    @staticmethod
    def resolve_team(shared: scoped.SharedCase) -> str:  # type: ignore[override]
        return PartnerCaseOut.resolve_team(shared.scope)

    @staticmethod
    def resolve_categories(shared: scoped.SharedCase) -> list[str]:  # type: ignore[override]
        return PartnerCaseOut.resolve_categories(shared.scope)

    @staticmethod
    def resolve_person(shared: scoped.SharedCase) -> Person | None:
        return shared.scope.case.person if shared.scope.reads(Category.IDENTITY) else None

    @staticmethod
    def resolve_contact(shared: scoped.SharedCase) -> Person | None:
        return shared.scope.case.person if shared.scope.reads(Category.CONTACT) else None

    @staticmethod
    def resolve_assessment(shared: scoped.SharedCase) -> scoped.SharedCase | None:
        return shared if shared.assessment is not None else None

    @staticmethod
    def resolve_actions(shared: scoped.SharedCase) -> list[Action]:
        return [action for action, _mine in shared.actions]

    @staticmethod
    def resolve_minutes(shared: scoped.SharedCase) -> list[Invitation]:
        return shared.invitations


def _as_seen(shared: scoped.SharedCase) -> scoped.SharedCase:
    """The shared case with what depends on the partner's scope, for
    `PartnerCaseDetailOut`: actions as `_seen_action()` gives them, crisis contacts
    named as the scope allows."""
    for action, _mine in shared.actions:
        _seen_action(shared.scope, action, shared.readable_goal_ids)
    plan = shared.crisis_plan
    if plan is not None:
        plan.seen_contacts = list(plan.contacts.all())  # type: ignore[attr-defined]
        for contact in plan.seen_contacts:  # type: ignore[attr-defined]
            contact.seen_name = (
                _actor_name(shared.scope, contact.actor) if contact.actor else contact.name
            )
    return shared


def _seen_action(scope: scoped.PartnerScope, action: Action, goal_ids: set[Any]) -> Action:
    """The action with its owner named as the scope allows, whether the partner owns
    it, and its goal if readable, for `PartnerActionOut`."""
    action.owner_name = _actor_name(scope, action.owner)  # type: ignore[attr-defined]
    action.mine = scoped.owns(scope, action)  # type: ignore[attr-defined]
    action.readable_goal_id = str(action.goal_id) if action.goal_id in goal_ids else None  # type: ignore[attr-defined]
    return action


def _actor_name(scope: scoped.PartnerScope, actor: Any) -> str:
    return str(minutes.actor_name(actor, scope.reads(Category.IDENTITY)))


@router.get("/cases", response={200: list[PartnerCaseOut], **ERRORS}, summary="My persons")
def list_cases(request: HttpRequest) -> list[scoped.PartnerScope]:
    """The cases whose network you belong to as a partner, with the categories shared."""
    return access.partner_cases(request)


@router.get(
    "/cases/{case_id}",
    response={200: PartnerCaseDetailOut, **ERRORS},
    summary="What is shared with me",
)
def read_case(request: HttpRequest, case_id: str) -> scoped.SharedCase:
    """Everything you may read of this person's file: only the shared categories."""
    return _as_seen(access.get_shared_case(request, case_id, journal_limit=API_JOURNAL))


@router.get(
    "/cases/{case_id}/journal",
    response={200: list[JournalEntryOut], **ERRORS},
    summary="The journal entries shared with me",
)
def list_journal(request: HttpRequest, case_id: str) -> list[JournalEntry]:
    scope = access.get_partner_case(request, case_id, parts=("journal",))
    return list(scoped.journal(scope)[:API_JOURNAL])


@router.post(
    "/cases/{case_id}/journal",
    response={201: JournalEntryOut, **ERRORS},
    summary="Write in the journal",
)
def add_journal(request: HttpRequest, case_id: str, payload: JournalIn) -> Status[JournalEntry]:
    """An entry authored by you, in one of the categories shared with you."""
    scope = access.get_partner_case(request, case_id, to_change=True)
    fields = payload.model_dump()
    if fields["occurred_at"] is None:
        fields.pop("occurred_at")
    entry = actions.add_journal_entry(scope, by=request.user, **fields)
    return Status(201, entry)


@router.patch(
    "/actions/{action_id}",
    response={200: PartnerActionOut, 409: StaleOut, **ERRORS},
    summary="Update an action I own",
)
def patch_action(request: HttpRequest, action_id: str, payload: ActionPatch) -> Action:
    """Status, follow-up notes and date of an action you own; 409 if `version` is stale."""
    scope, action = scoped.get_action(request, action_id)
    sent = payload.model_dump(exclude_unset=True)
    actions.update_action(
        scope,
        action,
        by=request.user,
        version=payload.version,
        status=sent.get("status"),
        follow_up=sent.get("follow_up"),
        due_on=sent.get("due_on", ""),
    )
    action.refresh_from_db()
    return _seen_action(scope, action, {g.pk for g in scoped.goals(scope)})


@router.get(
    "/conferences/{conference_id}/minutes",
    response={200: dict[str, Any], **ERRORS},
    summary="Minutes addressed to me",
)
def read_minutes(request: HttpRequest, conference_id: str) -> dict[str, Any]:
    """The minutes as the per-reader filter gives them to you (shared categories only)."""
    _scope, invitation = scoped.get_minutes(request, conference_id)
    content = minutes.minutes_for(invitation.conference, invitation)
    return _plain(content)


@router.get(
    "/conferences/{conference_id}/minutes.pdf",
    response={200: None, **ERRORS},
    summary="Minutes addressed to me (PDF)",
    openapi_extra=pdf_response("The minutes addressed to you, as a PDF."),
)
def read_minutes_pdf(request: HttpRequest, conference_id: str) -> HttpResponse:
    _scope, invitation = scoped.get_minutes(request, conference_id)
    return minutes.pdf_response(
        request, invitation.conference, invitation, translation.get_language()
    )


def _plain(value: Any) -> Any:
    """The minutes' content as JSON values (dates in ISO 8601, lazy texts as text)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(item) for item in value)
    if isinstance(value, date | datetime):
        return iso(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
