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
from maillage.partners import actions
from maillage.plans.models import Action

from .journal import entry_json
from .schemas import LONG_TEXT, MAX_INT, ErrorOut, Input, StaleOut, iso, pdf_response

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


def _action_json(scope: scoped.PartnerScope, action: Action, goal_ids: set[Any]) -> dict[str, Any]:
    mine = scoped.owns(scope, action)
    return {
        "id": str(action.pk),
        "what": action.what,
        "how": action.how,
        "owner": _actor_name(scope, action.owner),
        "mine": mine,
        "due_on": iso(action.due_on),
        "status": action.status,
        "follow_up": action.follow_up,
        "category": action.category,
        "goal_id": str(action.goal_id) if action.goal_id in goal_ids else None,
        "version": action.version,
    }


def _actor_name(scope: scoped.PartnerScope, actor: Any) -> str:
    return str(minutes.actor_name(actor, scope.reads(Category.IDENTITY)))


@router.get("/cases", response={200: list[PartnerCaseOut], **ERRORS}, summary="My persons")
def list_cases(request: HttpRequest) -> list[scoped.PartnerScope]:
    """The cases whose network you belong to as a partner, with the categories shared."""
    return access.partner_cases(request)


@router.get(
    "/cases/{case_id}", response={200: dict[str, Any], **ERRORS}, summary="What is shared with me"
)
def read_case(request: HttpRequest, case_id: str) -> dict[str, Any]:
    """Everything you may read of this person's file: only the shared categories."""
    shared = access.get_shared_case(request, case_id, journal_limit=API_JOURNAL)
    scope, assessment, plan = shared.scope, shared.assessment, shared.crisis_plan
    person = scope.case.person
    identity = scope.reads(Category.IDENTITY)
    return {
        **PartnerCaseOut.from_orm(scope).model_dump(),
        "person": (
            {
                "given_name": person.given_name,
                "family_name": person.family_name,
                "birth_date": iso(person.birth_date),
            }
            if identity
            else None
        ),
        "contact": (
            {"phone": person.phone, "email": person.email}
            if scope.reads(Category.CONTACT)
            else None
        ),
        "journal": [entry_json(e) for e in shared.journal],
        "assessment": (
            {
                "assessed_on": iso(assessment.assessed_on),
                "domains": [
                    {
                        "domain": d.domain,
                        "needs": d.needs,
                        "difficulties": d.difficulties,
                        "resources_person": d.resources_person,
                        "resources_entourage": d.resources_entourage,
                        "severity": d.severity,
                        "person_priority": d.person_priority,
                        "readiness": d.readiness,
                        "risks": d.risks,
                    }
                    for d in shared.domains
                ],
            }
            if assessment is not None
            else None
        ),
        "goals": [
            {
                "id": str(g.pk),
                "own_words": g.own_words,
                "reformulation": g.reformulation,
                "status": g.status,
                "category": g.category,
            }
            for g in shared.goals
        ],
        "actions": [
            _action_json(scope, a, shared.readable_goal_ids) for a, _mine in shared.actions
        ],
        "crisis_plan": (
            {
                "version": plan.version,
                "warning_signs": plan.warning_signs,
                "triggers": plan.triggers,
                "what_helps": plan.what_helps,
                "what_to_avoid": plan.what_to_avoid,
                "contacts": [
                    {
                        "name": _actor_name(scope, c.actor) if c.actor else c.name,
                        "phone": c.actor.phone if c.actor else c.phone,
                        "when": c.when,
                    }
                    for c in plan.contacts.all()
                ],
            }
            if plan is not None
            else None
        ),
        "network": [
            {"name": a.name, "organisation": a.organisation, "profession": a.profession}
            for a in shared.network
        ],
        "minutes": [
            {
                "conference_id": str(i.conference_id),
                "starts_at": iso(i.conference.starts_at),
            }
            for i in shared.invitations
        ],
    }


@router.get(
    "/cases/{case_id}/journal",
    response={200: list[dict[str, Any]], **ERRORS},
    summary="The journal entries shared with me",
)
def list_journal(request: HttpRequest, case_id: str) -> list[dict[str, Any]]:
    scope = access.get_partner_case(request, case_id, parts=("journal",))
    return [entry_json(e) for e in scoped.journal(scope)[:API_JOURNAL]]


@router.post(
    "/cases/{case_id}/journal",
    response={201: dict[str, Any], **ERRORS},
    summary="Write in the journal",
)
def add_journal(
    request: HttpRequest, case_id: str, payload: JournalIn
) -> tuple[int, dict[str, Any]]:
    """An entry authored by you, in one of the categories shared with you."""
    scope = access.get_partner_case(request, case_id, to_change=True)
    fields = payload.model_dump()
    if fields["occurred_at"] is None:
        fields.pop("occurred_at")
    entry = actions.add_journal_entry(scope, by=request.user, **fields)
    return Status(201, entry_json(entry))


@router.patch(
    "/actions/{action_id}",
    response={200: dict[str, Any], 409: StaleOut, **ERRORS},
    summary="Update an action I own",
)
def patch_action(request: HttpRequest, action_id: str, payload: ActionPatch) -> dict[str, Any]:
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
    return _action_json(scope, action, {g.pk for g in scoped.goals(scope)})


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
