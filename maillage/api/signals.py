"""The early-warning signal for first-line professionals, without an account.

`POST /api/v1/public/signals`: the answers (codes of `maillage/screening/questions.py`),
what they suggest in words (never a score), and, when the person agrees to make a
request, the link to the request form that carries the answers. Guarded like every
public submission (`maillage/guard`): solve `GET /api/v1/public/challenge` first.
"""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from maillage import tokens
from maillage.guard import gate
from maillage.screening import actions
from maillage.screening.actions import REQUEST_FORM
from maillage.screening.evaluate import findings_now
from maillage.screening.forms import SignalForm
from maillage.screening.questions import QUESTIONS

from .errors import error_body
from .schemas import ErrorOut

router = Router(tags=["public"])

Code = str  # an answer's code, checked against the questions by SignalForm
MULTIPLE = [q.code for q in QUESTIONS if q.multiple]


class SignalIn(Schema):
    unstable: Code = Field(max_length=30)
    inadequate_help: Code = Field(max_length=30)
    coordination: Code = Field(max_length=30)
    domains: list[Code] = Field(max_length=12, description='Life domains, or ["dont_know"].')
    network: Code = Field(max_length=30)
    first_signs: list[Code] = Field(max_length=12, description='Or ["none"], ["dont_know"].')
    mental_health: Code = Field(max_length=30)
    age_band: Code = Field(max_length=30)
    brussels: Code = Field(max_length=30)
    reporter: Code = Field(max_length=30)
    gender: Code = Field("", max_length=30)
    language: Code = Field("", max_length=30)
    choice: Literal["anonymous", "request"] = Field(
        "anonymous",
        description="anonymous: counted for the statistics only; request: the person "
        "agrees, and `request_url` opens the request form with the answers.",
    )
    altcha: str = Field("", max_length=4000, description="The solved ALTCHA challenge.")
    website: str = Field("", max_length=200, description="Leave empty.")


class ProgrammeFitOut(Schema):
    name: str
    points: list[str] = Field(
        description="Could fit: what is left to check. Does not fit: the criteria ruled out."
    )


class SignalOut(Schema):
    summary: str
    criteria: list[str] = Field(description="The signs of a complex situation present.")
    unknown: list[str] = Field(description="The signs the reporter did not know about.")
    sentences: list[str]
    crisis: bool
    fits: list[ProgrammeFitOut]
    does_not_fit: list[ProgrammeFitOut]
    directory_url: str
    request_url: str = Field(description="Empty unless `choice` is request.")


ERRORS: dict[int, Any] = dict.fromkeys((400, 422, 429), ErrorOut)


@router.post(
    "/signals",
    auth=None,
    response={201: SignalOut, **ERRORS},
    summary="Record an early-warning signal",
    url_name="public_signals",
)
def record_signal(request: HttpRequest, payload: SignalIn) -> Any:
    """Record the signal without any identity and say what it suggests, in words.

    422 names each answer that is missing or not one of its question's codes; 429 or 400
    when the guard refuses (too many, or no valid ALTCHA solution)."""
    data = payload.model_dump()
    form = SignalForm({key: data[key] for key in data if key in {q.code for q in QUESTIONS}})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    try:
        verdict = gate.check(request, data, kind="signal")
    except gate.Refused as refused:
        error = {"field": refused.field or None, "message": refused.message}
        return Status(refused.status, error_body(refused.message, [error]))
    answers = form.answers()
    anonymous = payload.choice == "anonymous"
    if verdict.spam:  # answered as if stored, and nothing stored
        token = "" if anonymous else tokens.new_token()
    else:
        _signal, token = actions.record_signal(answers, anonymous=anonymous)
    found = findings_now(answers)
    return Status(
        201,
        {
            **vars(found),
            "fits": [vars(fit) for fit in found.fits],
            "does_not_fit": [vars(fit) for fit in found.does_not_fit],
            "directory_url": request.build_absolute_uri(reverse("directory:search")),
            "request_url": request.build_absolute_uri(f"{REQUEST_FORM}?signal={token}")
            if token
            else "",
        },
    )
