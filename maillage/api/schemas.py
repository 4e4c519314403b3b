"""What the API accepts and answers, for validation and the OpenAPI document.

Input schemas check types and lengths (each text no longer than its model field, so the
database never refuses a value); the actions check the rules. Output schemas are the one
declaration of each answer: they read the object itself (its attributes, `resolve_…`
methods for what is derived), and endpoints return the object, never a dict shaped
beforehand (ninja would call the resolvers on the dict).
"""

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.intake.models import Decision, Requester, SupportRequest
from maillage.people.models import Person
from maillage.programmes.eligibility import Eligibility
from maillage.programmes.models import Programme
from maillage.territory.communes import BY_NIS, OUTSIDE

from .errors import OWN_ERROR

# Free text without a database limit (summaries, reasons) is still bounded.
LONG_TEXT = 20_000
# The largest integer every database stores.
MAX_INT = 2**31 - 1
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def max_length(model: type[models.Model], field: str) -> int:
    length = model._meta.get_field(field).max_length
    assert length is not None
    return length


def blank_if_null(value: Any) -> Any:
    return "" if value is None else value


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        raise PydanticCustomError(OWN_ERROR, _("Expected true, false, a text, a number or null."))
    return value


# A text where null means empty.
Text = Annotated[str, BeforeValidator(blank_if_null)]
# A fact's value: checked against the vocabulary by `clean_facts`.
FactValue = Annotated[Any, BeforeValidator(_scalar)]


class Input(BaseModel):
    # Plain pydantic: ninja's Schema reads attributes too, so "a text" would pass as an
    # object missing its fields instead of "Enter an object".
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _no_null_character(cls, value: Any) -> Any:
        """PostgreSQL refuses NUL in text: say so instead of failing on save."""
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise PydanticCustomError(OWN_ERROR, _("Remove the null character (\\u0000)."))
        return value


# Input


class PersonIn(Input):
    given_name: str = Field(min_length=1, max_length=max_length(Person, "given_name"))
    family_name: str = Field(min_length=1, max_length=max_length(Person, "family_name"))
    birth_date: date | None = Field(None, description="YYYY-MM-DD, or null when not known.")
    residence: str | None = Field(
        None,
        description="NIS code of one of the 19 Brussels communes, “outside”, or null.",
    )

    @field_validator("birth_date")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > timezone.localdate():
            raise PydanticCustomError(OWN_ERROR, _("The birth date cannot be in the future."))
        return value

    @field_validator("residence")
    @classmethod
    def _known_residence(cls, value: str | None) -> str | None:
        if value and value != OUTSIDE and value not in BY_NIS:
            raise PydanticCustomError(
                OWN_ERROR,
                _("Choose one of the 19 Brussels communes (NIS code) or “outside”."),
            )
        return value or None


class RequesterIn(Input):
    kind: Literal["person", "carer", "professional"]
    organisation: Text = Field("", max_length=max_length(Requester, "organisation"))
    sector: Text = Field("", max_length=max_length(Requester, "sector"))
    name: Text = Field("", max_length=max_length(Requester, "name"))
    contact: Text = Field("", max_length=max_length(Requester, "contact"))


class RequestIn(Input):
    programme: str = Field(max_length=50, description="Programme code, see GET /programmes.")
    person: PersonIn | None = Field(None, description="A new person (or give person_id).")
    person_id: UUID | None = Field(None, description="An existing person you can see.")
    facts: dict[str, FactValue] = Field(
        default_factory=dict,
        max_length=50,
        description="Facts gathered at intake; null or absent means unknown.",
    )
    requesters: list[RequesterIn] = Field(default_factory=list, max_length=20)
    summary: Text = Field("", max_length=LONG_TEXT)
    what_is_asked: Text = Field("", max_length=LONG_TEXT)
    channel: Literal[tuple(SupportRequest.Channel.values)] = SupportRequest.Channel.API  # type: ignore[valid-type]
    urgent: bool = False
    received_at: datetime | None = Field(None, description="ISO 8601; default now.")

    @field_validator("received_at")
    @classmethod
    def _received_in_the_past(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # A few minutes of leeway for clocks that run ahead.
        if value > timezone.now() + timedelta(minutes=5):
            raise PydanticCustomError(
                OWN_ERROR, _("A request cannot have been received in the future.")
            )
        if value < EARLIEST:
            raise PydanticCustomError(OWN_ERROR, _("Enter a date after 1 January 1900."))
        return value


class DecisionIn(Input):
    decision: Literal["accept", "refuse", "orient"]
    reason: Text = Field("", max_length=LONG_TEXT)
    orient_target: Text = Field("", max_length=max_length(Decision, "orient_target"))
    case_workers: list[Annotated[str, Field(max_length=150)]] = Field(
        default_factory=list, max_length=10, description="Usernames; needed to accept."
    )
    version: int | None = Field(
        None, ge=1, le=MAX_INT, description="The version you read; 409 if it changed since."
    )


# Output shared by several topics


def iso(value: date | datetime | None) -> str | None:
    """ISO 8601; times in Brussels time, with their offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def related_or_none(obj: Any, name: str) -> Any:
    """The one-to-one `obj.<name>`, or None when there is none."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _iso_text(value: Any) -> Any:
    return value if isinstance(value, str) else iso(value)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


# Output fields read from a model: an id (a UUID) as text, a date or time in ISO 8601.
Id = Annotated[str, BeforeValidator(str)]
OptionalId = Annotated[str | None, BeforeValidator(_text_or_none)]
Iso = Annotated[str, BeforeValidator(_iso_text)]
OptionalIso = Annotated[str | None, BeforeValidator(_iso_text)]


def pdf_response(description: str) -> dict[str, Any]:
    """`openapi_extra` of an endpoint that answers a PDF document, not JSON."""
    return {
        "responses": {
            200: {
                "description": description,
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


# Output


class FieldErrorOut(Schema):
    field: str | None = Field(description="Dotted path, e.g. person.birth_date.")
    message: str


class ErrorOut(Schema):
    detail: str = Field(description="One translated sentence.")
    errors: list[FieldErrorOut]


class StaleOut(ErrorOut):
    current_version: int


class CriterionOut(Schema):
    code: str
    label: str
    rule: dict[str, Any]


# Read from a `Programme` (prefetch `criteria`).
class ProgrammeOut(Schema):
    code: str
    name: str = Field(description="In the language of Accept-Language.")
    names: dict[str, str] = Field(description="fr, nl and en.")
    answer_deadline_hours: int | None
    planned_duration_days: int | None
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_names(programme: Programme) -> dict[str, str]:
        return {"fr": programme.name_fr, "nl": programme.name_nl, "en": programme.name_en}

    @staticmethod
    def resolve_criteria(programme: Programme) -> list[dict[str, Any]]:
        return [
            {"code": code, "label": label, "rule": rule}
            for code, label, rule in programme.criteria_rules()
        ]


# Read from a `Person`.
class PersonOut(Schema):
    id: Id
    given_name: str
    family_name: str
    birth_date: OptionalIso
    residence: str | None = Field(description="NIS code, “outside”, or null.")

    @staticmethod
    def resolve_residence(person: Person) -> str | None:
        return person.residence or None


# Read from a `Requester`.
class RequesterOut(Schema):
    kind: str
    organisation: str
    sector: str
    name: str


class CriterionResultOut(Schema):
    code: str
    label: str
    result: Literal["met", "not_met", "unknown"]
    reason: str


# Read from an `Eligibility` (`SupportRequest.evaluate()`).
class EligibilityOut(Schema):
    outcome: Literal["eligible", "incomplete", "not_eligible"]
    criteria: list[CriterionResultOut]
    missing_facts: list[str] = Field(description="Facts (or fields) to fill in to decide.")


class EligibilityOutcomeOut(Schema):
    outcome: str


# Read from a `SupportRequest` that has an override.
class OverrideOut(Schema):
    outcome: str
    justification: str
    by: str | None
    at: str | None

    @staticmethod
    def resolve_outcome(support_request: SupportRequest) -> str:
        return support_request.override_outcome

    @staticmethod
    def resolve_justification(support_request: SupportRequest) -> str:
        return support_request.override_justification

    @staticmethod
    def resolve_by(support_request: SupportRequest) -> str | None:
        by = support_request.override_by
        return by.username if by is not None else None

    @staticmethod
    def resolve_at(support_request: SupportRequest) -> str | None:
        return iso(support_request.override_at)


# Read from a `Decision` (select `decided_by`).
class DecisionOut(Schema):
    decision: Literal["accept", "refuse", "orient"]
    reason: str
    orient_target: str
    decided_at: Iso
    decided_by: str

    @staticmethod
    def resolve_decision(decision: Decision) -> str:
        return decision.kind

    @staticmethod
    def resolve_decided_by(decision: Decision) -> str:
        return decision.decided_by.username


# Read from a `SupportRequest` (select `programme`, `person`, `override_by`,
# `decision__decided_by` and `case`; prefetch `requesters`).
class RequestItemOut(Schema):
    """A request in a list: `eligibility` holds only the stored `outcome`."""

    id: Id
    programme: str
    person: PersonOut
    received_at: Iso
    answer_due: OptionalIso
    status: Literal["open", "answered"]
    overdue: bool
    facts: dict[str, Any]
    requesters: list[RequesterOut]
    summary: str
    eligibility: EligibilityOutcomeOut
    outcome: str = Field(description="The worker's override if any, else the evaluation.")
    override: OverrideOut | None
    decision: DecisionOut | None
    case_id: str | None
    version: int

    @staticmethod
    def resolve_programme(support_request: SupportRequest) -> str:
        return support_request.programme.code

    @staticmethod
    def resolve_overdue(support_request: SupportRequest) -> bool:
        return support_request.is_overdue()

    @staticmethod
    def resolve_eligibility(support_request: SupportRequest) -> dict[str, str]:
        return {"outcome": support_request.eligibility_outcome}

    @staticmethod
    def resolve_override(support_request: SupportRequest) -> SupportRequest | None:
        return support_request if support_request.override_outcome else None

    @staticmethod
    def resolve_decision(support_request: SupportRequest) -> Decision | None:
        return related_or_none(support_request, "decision")

    @staticmethod
    def resolve_case_id(support_request: SupportRequest) -> str | None:
        case = related_or_none(support_request, "case")
        return str(case.pk) if case is not None else None


# Also prefetch `programme__criteria`.
class RequestOut(RequestItemOut):
    """A request, with its entry criteria evaluated now."""

    eligibility: EligibilityOut  # type: ignore[assignment]
    assigned_to: str | None = Field(
        None, description="Username of the worker preparing the answer, if any."
    )

    @staticmethod
    def resolve_assigned_to(support_request: SupportRequest) -> str | None:
        worker = support_request.assigned_to
        return worker.username if worker is not None else None

    @staticmethod
    def resolve_eligibility(support_request: SupportRequest) -> Eligibility:  # type: ignore[override]
        return support_request.evaluate()

    @staticmethod
    def resolve_outcome(support_request: SupportRequest) -> str:
        return support_request.override_outcome or support_request.evaluate().outcome


# Read from a `Person`.
class DuplicateOut(Schema):
    id: Id
    given_name: str
    family_name: str
    birth_date: OptionalIso


# Read from a `SupportRequest` given its `likely_duplicates` (a list of `Person`).
class RequestCreatedOut(RequestOut):
    likely_duplicates: list[DuplicateOut] = Field(
        description="Persons you can see who may be the same as the new one."
    )


class RequestPage(Schema):
    items: list[RequestItemOut]
    page: int
    per_page: int
    next_page: int | None


# Read from a `User`.
class WorkerOut(Schema):
    username: str
    name: str

    @staticmethod
    def resolve_name(user: User) -> str:
        return str(user)


# Read from a `Case` (select `person`, `programme`, `team__organisation`; prefetch
# `workers__user`).
class CaseOut(Schema):
    id: Id
    person: PersonOut
    programme: str
    team: str
    phase: Literal["exploration", "active", "closing", "closed"]
    opened_at: Iso
    planned_end: OptionalIso
    next_review: OptionalIso
    closed_at: OptionalIso
    workers: list[WorkerOut]
    request_id: OptionalId
    version: int

    @staticmethod
    def resolve_programme(case: Case) -> str:
        return case.programme.code

    @staticmethod
    def resolve_team(case: Case) -> str:
        return str(case.team)

    @staticmethod
    def resolve_workers(case: Case) -> list[User]:
        return [worker.user for worker in case.workers.all() if worker.ended_at is None]

    @staticmethod
    def resolve_request_id(case: Case) -> UUID | None:
        return case.support_request_id


class CasePage(Schema):
    items: list[CaseOut]
    page: int
    per_page: int
    next_page: int | None
