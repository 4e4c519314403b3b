"""Consents of a case: the one in force and the history; record one, or a withdrawal."""

from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator

from maillage import access
from maillage.categories import Category
from maillage.consent import actions as consent_actions
from maillage.consent import queries
from maillage.consent.models import Consent, Share
from maillage.consent.rules import sharing_allowed

from .schemas import (
    LONG_TEXT,
    MAX_INT,
    ErrorOut,
    Id,
    Input,
    Iso,
    StaleOut,
    Text,
    blank_if_null,
    max_length,
)

router = Router(tags=["consents"])

ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
# Every actor of a large network fits; more is not a real scope.
MAX_SHARES = 500


# Input


class ConsentShareIn(Input):
    actor_id: UUID = Field(description="A current formal or informal actor of this case.")
    categories: list[Annotated[str, Field(max_length=30)]] = Field(
        default_factory=list,
        max_length=len(Category.values),
        description="Information categories this actor may receive.",
    )


class ConsentIn(Input):
    status: Literal[tuple(Consent.Status.values)]  # type: ignore[valid-type]
    method: Annotated[
        Literal[("", *Consent.Method.values)],  # type: ignore[valid-type]
        BeforeValidator(blank_if_null),
    ] = Field("", description="How it was obtained; needed for given statuses.")
    decided_by: Text = Field(
        "",
        max_length=max_length(Consent, "decided_by"),
        description="Needed for given_by_representative and child_interest.",
    )
    justification: Text = Field(
        "",
        max_length=LONG_TEXT,
        description="Why; needed with decided_by. For a withdrawal, its reason.",
    )
    notes: Text = Field("", max_length=LONG_TEXT)
    shares: list[ConsentShareIn] = Field(
        default_factory=list,
        max_length=MAX_SHARES,
        description="Kept only for statuses that allow sharing.",
    )
    version: int | None = Field(
        None,
        ge=0,
        le=MAX_INT,
        description="The `version` you read (the number of records); 409 if one was recorded since.",
    )


# Output


# Read from a `Share` (select `actor`).
class ConsentShareOut(Schema):
    actor_id: Id
    actor_name: str
    categories: list[str]

    @staticmethod
    def resolve_actor_name(share: Share) -> str:
        return str(share.actor)


# Read from a `Consent` (see `queries.consents_of`).
class ConsentOut(Schema):
    id: Id
    status: str
    method: str
    decided_by: str
    justification: str
    notes: str
    recorded_at: Iso
    recorded_by: str | None
    shares: list[ConsentShareOut]

    @staticmethod
    def resolve_recorded_by(consent: Consent) -> str | None:
        return consent.recorded_by.username if consent.recorded_by_id else None


# Read from the case's consents, newest first (`queries.consents_of`).
class ConsentsOut(Schema):
    in_force: ConsentOut | None = Field(description="The latest record; null if none.")
    sharing_allowed: bool = Field(description="Whether the consent in force allows sharing.")
    history: list[ConsentOut] = Field(description="Earlier records, newest first.")
    version: int = Field(description="The number of records: send it back when recording.")

    @staticmethod
    def resolve_in_force(consents: list[Consent]) -> Consent | None:
        return consents[0] if consents else None

    @staticmethod
    def resolve_sharing_allowed(consents: list[Consent]) -> bool:
        return sharing_allowed(consents[0] if consents else None)

    @staticmethod
    def resolve_history(consents: list[Consent]) -> list[Consent]:
        return consents[1:]

    @staticmethod
    def resolve_version(consents: list[Consent]) -> int:
        return len(consents)


# Views


@router.get(
    "/{case_id}/consents", response={200: ConsentsOut, **ERRORS}, summary="Read the consents"
)
def list_consents(request: HttpRequest, case_id: str) -> list[Consent]:
    """The consent in force (the latest record) and the earlier ones, newest first."""
    case = access.get_case(request, case_id, part="consents")
    return queries.consents_of(case)


@router.post(
    "/{case_id}/consents",
    response={201: ConsentOut, **ERRORS, 409: StaleOut},
    summary="Record a consent",
)
def record_consent(request: HttpRequest, case_id: str, payload: ConsentIn) -> Status[Consent]:
    """Record a consent; it is in force at once. To withdraw, send `"status": "withdrawn"`.

    Errors name the share at fault: `shares.0.actor_id` (not a current formal or
    informal actor of this case), `shares.0.categories` (unknown categories).
    403 on a closed case.
    """
    case = access.get_case(request, case_id, to_change=True)
    consent = consent_actions.record_consent(
        case,
        by=request.user,
        status=payload.status,
        method=payload.method,
        decided_by=payload.decided_by,
        justification=payload.justification,
        notes=payload.notes,
        shares=[(share.actor_id, share.categories) for share in payload.shares],
        version=payload.version,
    )
    return Status(201, queries.with_shares(consent))
