"""Referrals to directory services and unmet needs (the worker's side).

The receiving service answers through its emailed link, not through the API. A worker
records an answer given another way with `POST /referrals/{id}/status`.
"""

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from maillage import access
from maillage.categories import Category, LifeDomain
from maillage.orientation import actions, queries
from maillage.orientation.models import Referral, ReferralStatusChange, UnmetNeed
from maillage.territory.communes import BY_NIS, OUTSIDE

from .errors import renamed_fields
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
)

router = Router(tags=["orientation"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
WRITE_ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)
INPUT_NAMES = {
    "service": "service_id",
    "referral": "referral_id",
    "case": "case_id",
    "support_request": "request_id",
    "request": "request_id",
}

DomainCode = Literal[tuple(LifeDomain.values)]  # type: ignore[valid-type]
CategoryCode = Literal[tuple(Category.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(Referral.Status.values)]  # type: ignore[valid-type]
ReasonCode = Literal[tuple(UnmetNeed.Reason.values)]  # type: ignore[valid-type]
AgeBand = Literal[("", *UnmetNeed.AgeBand.values)]  # type: ignore[valid-type]


# Input


class ReferralIn(Input):
    service_id: str = Field(min_length=1, max_length=250, description="A directory service id.")
    need: str = Field(min_length=1, max_length=LONG_TEXT)
    reason: Text = Field("", max_length=LONG_TEXT)
    life_domain: DomainCode
    categories: list[CategoryCode] = Field(
        default_factory=list,
        max_length=len(Category),
        description="Categories to share; each must be allowed by the consent in force.",
    )
    person_agreed: bool = Field(description="The person agreed to this orientation: true.")


class StatusIn(Input):
    status: StatusCode
    reason: Text = Field("", max_length=LONG_TEXT, description="Needed for `refused`.")
    version: int | None = Field(
        None, ge=1, le=MAX_INT, description="The version you read; 409 if it changed since."
    )


class UnmetNeedIn(Input):
    life_domain: DomainCode
    reason: ReasonCode
    commune: Text = Field("", max_length=10, description="NIS code, “outside”, or empty.")
    age_band: AgeBand = ""
    public: Text = Field("", max_length=200)
    description: Text = Field("", max_length=LONG_TEXT)
    search_query: Text = Field("", max_length=500)
    service_id: str | None = Field(None, max_length=250)
    referral_id: UUID | None = None
    case_id: UUID | None = None
    request_id: UUID | None = None


class UnmetNeedFilters(PageIn):
    life_domain: DomainCode | None = None
    commune: str | None = Field(None, max_length=10)


# Output


# Read from a `ReferralStatusChange`.
class HistoryOut(Schema):
    status: str
    at: Iso
    via: str
    reason: str


class SharedItemOut(Schema):
    label: str
    value: str


class SharedSectionOut(Schema):
    category: str
    label: str
    items: list[SharedItemOut]


# Read from a `Referral` (select `created_by`, prefetch `changes`).
class ReferralOut(Schema):
    id: Id
    case_id: OptionalId
    request_id: OptionalId
    service_id: str | None
    service_name: str
    sent_to: str
    life_domain: str
    need: str
    reason: str
    shared_categories: list[str]
    shared_content: list[SharedSectionOut]
    status: str
    status_reason: str
    status_changed_at: OptionalIso
    sent_at: OptionalIso
    reminder_count: int
    last_reminder_at: OptionalIso
    created_by: str
    history: list[HistoryOut]
    version: int

    @staticmethod
    def resolve_request_id(referral: Referral) -> UUID | None:
        return referral.support_request_id

    @staticmethod
    def resolve_created_by(referral: Referral) -> str:
        return referral.created_by.username

    @staticmethod
    def resolve_history(referral: Referral) -> QuerySet[ReferralStatusChange]:
        return referral.changes.all()


class ReferralPage(Schema):
    items: list[ReferralOut]
    page: int
    per_page: int
    next_page: int | None


# Read from an `UnmetNeed`.
class UnmetNeedOut(Schema):
    id: Id
    life_domain: str
    commune: str
    age_band: str
    public: str
    reason: str
    description: str
    search_query: str
    service_id: OptionalId
    referral_id: OptionalId
    case_id: OptionalId
    request_id: OptionalId
    recorded_at: OptionalIso

    @staticmethod
    def resolve_request_id(need: UnmetNeed) -> UUID | None:
        return need.support_request_id


class UnmetNeedPage(Schema):
    items: list[UnmetNeedOut]
    page: int
    per_page: int
    next_page: int | None


def _service(service_id: str | None) -> Any:
    if not service_id:
        return None
    try:
        return queries.service_or_404(service_id)
    except Http404:
        raise ValidationError({"service_id": _("No such service in the directory.")}) from None


# Referrals


@router.get(
    "/cases/{case_id}/referrals",
    response={200: ReferralPage, **ERRORS},
    summary="List a case's referrals",
)
def list_referrals(request: HttpRequest, case_id: str, filters: Query[PageIn]) -> dict[str, Any]:
    """Newest first, with their status history."""
    case = access.get_case(request, case_id, part="orientation")
    referrals = (
        case.referrals.select_related("created_by")
        .prefetch_related("changes")
        .order_by("-created_at", "pk")
    )
    rows, next_page = paginate(referrals, filters)
    return page_json(rows, filters, next_page)


@router.post(
    "/cases/{case_id}/referrals",
    response={201: ReferralOut, **WRITE_ERRORS},
    summary="Orient the person to a directory service",
)
def create_referral(request: HttpRequest, case_id: str, payload: ReferralIn) -> Status[Referral]:
    """Sends the referral by email to the service's contact, with a single-use link.
    Only `categories` allowed by the consent in force are shared (422 otherwise)."""
    case = access.get_case(request, case_id, to_change=True)
    service = _service(payload.service_id)
    try:
        referral = actions.refer(
            by=request.user,
            case=case,
            service=service,
            need=payload.need,
            reason=payload.reason,
            life_domain=payload.life_domain,
            categories=list(payload.categories),
            person_agreed=payload.person_agreed,
        )
    except ValidationError as error:
        raise renamed_fields(error, INPUT_NAMES) from error
    return Status(201, referral)


@router.get(
    "/referrals/{referral_id}", response={200: ReferralOut, **ERRORS}, summary="Read a referral"
)
def get_referral(request: HttpRequest, referral_id: str) -> Referral:
    return access.get_referral(request, referral_id)


@router.post(
    "/referrals/{referral_id}/status",
    response={200: ReferralOut, **WRITE_ERRORS, 409: StaleOut},
    summary="Record a referral's status",
)
def change_status(request: HttpRequest, referral_id: str, payload: StatusIn) -> Referral:
    """An answer the service gave another way, or `no_response`. Allowed transitions:
    sent → received → accepted / waiting_list / refused / completed; 422 otherwise."""
    referral = access.get_referral(request, referral_id, to_change=True)
    actions.update_status(
        referral, payload.status, payload.reason, via=request.user, version=payload.version
    )
    return referral


# Unmet needs


@router.get("/unmet-needs", response={200: UnmetNeedPage, **ERRORS}, summary="List unmet needs")
def list_unmet_needs(request: HttpRequest, filters: Query[UnmetNeedFilters]) -> dict[str, Any]:
    """Those of the requests and cases you see; those recorded from a search (no person)
    only for analysts, team leads and administrators. Newest first."""
    needs = access.unmet_needs_visible_to(request.user)
    if filters.life_domain:
        needs = needs.filter(life_domain=filters.life_domain)
    if filters.commune:
        needs = needs.filter(commune=filters.commune)
    rows, next_page = paginate(needs.order_by("-recorded_at", "pk"), filters)
    return page_json(rows, filters, next_page)


@router.post(
    "/unmet-needs", response={201: UnmetNeedOut, **WRITE_ERRORS}, summary="Record an unmet need"
)
def record_unmet_need(request: HttpRequest, payload: UnmetNeedIn) -> Status[UnmetNeed]:
    """Linked to at most one of `referral_id`, `case_id`, `request_id` (which you must be
    allowed to change), or to none (from a search)."""
    links: dict[str, Any] = {}
    if payload.commune and payload.commune != OUTSIDE and payload.commune not in BY_NIS:
        raise ValidationError(
            {"commune": _("Choose one of the 19 Brussels communes (NIS code) or “outside”.")}
        )
    if payload.referral_id:
        referral = access.get_referral(request, payload.referral_id, to_change=True)
        links = {"referral": referral, "case": referral.case}
        links["support_request"] = referral.support_request
        links["service"] = referral.service
    elif payload.case_id:
        links = {"case": access.get_case(request, payload.case_id, to_change=True)}
    elif payload.request_id:
        links = {"support_request": access.get_request(request, payload.request_id, to_change=True)}
    elif not access.may_record_unmet_need(request.user):
        raise PermissionDenied
    if payload.service_id:
        links["service"] = _service(payload.service_id)
    try:
        need = actions.record_unmet_need(
            by=request.user,
            life_domain=payload.life_domain,
            reason=payload.reason,
            commune=payload.commune,
            age_band=payload.age_band,
            public=payload.public,
            description=payload.description,
            search_query=payload.search_query,
            **links,
        )
    except ValidationError as error:
        raise renamed_fields(error, INPUT_NAMES) from error
    return Status(201, need)
