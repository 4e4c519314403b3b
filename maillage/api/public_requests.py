"""Requests from outside, without a token: the same as the public form
(`/public/request/`), for the websites and apps of partner services."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from maillage.guard import gate
from maillage.public import actions, emails, fit

from .errors import OWN_ERROR, error_body
from .schemas import ErrorOut, FactValue, Input, Text

router = Router(tags=["public"])

TEXT = 4000
ERRORS: dict[int, Any] = dict.fromkeys((400, 413, 422, 429), ErrorOut)


class PublicRequesterIn(Input):
    kind: Literal["person", "carer", "professional"]
    name: Text = Field("", max_length=200)
    organisation: Text = Field("", max_length=200, description="Needed for a professional.")
    sector: Text = Field("", max_length=100)
    email: Text = Field("", max_length=254, description="Receives the status link.")
    phone: Text = Field("", max_length=50)

    @field_validator("email")
    @classmethod
    def _an_email(cls, value: str) -> str:
        from django.core.validators import validate_email

        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise PydanticCustomError(OWN_ERROR, _("Enter a valid email address.")) from None
        return value


class PublicPersonIn(Input):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    birth_date: date | None = Field(None, description="YYYY-MM-DD, or null when not known.")
    age: int | None = Field(None, ge=0, le=130, description="When the birth date is not known.")
    residence: Text = Field(
        "",
        max_length=10,
        description="NIS code of one of the 19 Brussels communes, “outside”, or empty.",
    )


class PublicRequestIn(Input):
    programme: Text = Field(
        "", max_length=50, description="A programme's code, or empty for “I don't know”."
    )
    requester: PublicRequesterIn
    person: PublicPersonIn
    what_is_asked: str = Field(min_length=1, max_length=TEXT)
    why_now: Text = Field("", max_length=TEXT)
    situation: Text = Field("", max_length=TEXT)
    facts: dict[str, FactValue] = Field(
        default_factory=dict,
        max_length=20,
        description="Facts of GET /programmes' vocabulary; absent or null means “I don't know”.",
    )
    consent: Literal["agrees", "knows_not_agreed", "not_informed"]
    consent_reason: Text = Field("", max_length=2000)
    language: Literal["fr", "nl", "en"] | None = Field(
        None, description="Of the emails and the status page; default: Accept-Language."
    )
    signal: Text = Field(
        "",
        max_length=100,
        description="The secret of the early-warning signal this request is made from "
        "(the `signal` of its `request_url`), if any.",
    )
    altcha: Text = Field("", max_length=10_000, description="The solved challenge.")
    website: Text = Field("", max_length=200, description="Leave empty.")


class CheckRequesterIn(Input):
    kind: Literal["person", "carer", "professional"] = "person"
    organisation: Text = Field("", max_length=200)


class CheckPersonIn(Input):
    birth_date: date | None = None
    age: int | None = Field(None, ge=0, le=130)
    residence: Text = Field("", max_length=10)


class CheckIn(Input):
    requester: CheckRequesterIn = Field(default_factory=CheckRequesterIn)
    person: CheckPersonIn = Field(default_factory=CheckPersonIn)
    facts: dict[str, FactValue] = Field(default_factory=dict, max_length=20)


class FitOut(Schema):
    programme: str
    name: str
    verdict: Literal["eligible", "incomplete", "not_eligible"]
    verdict_text: str
    criteria: list[dict[str, str]]
    missing: list[str]


class PublicRequestCreatedOut(Schema):
    status_url: str
    answer_due: datetime | None
    programme: str
    programme_name: str
    programme_chosen: Literal["chosen", "fits", "default"] = Field(
        description="By the requester, as the only one that could fit, or by default."
    )
    fits: list[FitOut]


class ChecksOut(Schema):
    fits: list[FitOut]


def _snapshot(payload: PublicRequestIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"language", "altcha", "website", "signal"})
    born = payload.person.birth_date
    data["person"]["birth_date"] = born.isoformat() if born else None
    data["facts"] = {code: value for code, value in payload.facts.items() if value is not None}
    if payload.requester.kind == "person":
        data["consent"] = "agrees"
    return data


@router.post(
    "/requests",
    auth=None,
    response={201: PublicRequestCreatedOut, **ERRORS},
    summary="Send a request without an account",
)
def send_request(request: HttpRequest, payload: PublicRequestIn) -> Any:
    """Send a request as the public form does. The answer's deadline runs from now.

    `status_url` is the requester's private link (also emailed): keep it secret. With
    an empty `programme`, the request goes to the only programme that could fit, else
    to the team that answers anyone; `fits` says what each programme's criteria say.
    """
    data = _snapshot(payload)
    raw = payload.model_dump()
    try:
        verdict = gate.check(request, raw, kind="request", texts=_texts(payload))
    except gate.Refused as refused:
        field = refused.field or None
        return Status(
            refused.status,
            error_body(refused.message, [{"field": field, "message": refused.message}]),
        )
    language = payload.language or (get_language() or "fr")[:2]
    submission, token, how = actions.submit(
        data,
        signal=payload.signal,
        language=language,
        spam=verdict.spam,
        spam_reasons=verdict.reasons,
    )
    programme = submission.programme
    return Status(
        201,
        {
            "status_url": emails.status_url(token),
            "answer_due": actions.answer_due(submission),
            "programme": programme.code,
            "programme_name": programme.name,
            "programme_chosen": how,
            "fits": [f.as_dict() for f in fit.fits(data)],
        },
    )


def _texts(payload: PublicRequestIn) -> list[str]:
    return [payload.what_is_asked, payload.why_now, payload.situation, payload.consent_reason]


@router.post(
    "/requests/check",
    auth=None,
    response={200: ChecksOut, **ERRORS},
    summary="Check which programmes could fit, before sending",
)
def check_request(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """What each open programme's criteria say about the facts given (nothing is saved):
    `eligible` could fit, `not_eligible` clearly does not, `incomplete` needs more."""
    data = payload.model_dump()
    born = payload.person.birth_date
    data["person"]["birth_date"] = born.isoformat() if born else None
    data["facts"] = {code: value for code, value in payload.facts.items() if value is not None}
    actions.check_facts(data["facts"])
    return {"fits": [f.as_dict() for f in fit.fits(data)]}
