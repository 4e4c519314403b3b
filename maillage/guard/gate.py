"""What every public submission passes before it is saved.

    verdict = gate.check(request, data, kind="request", texts=[form.cleaned_data["why"]])

- `data` is the submitted mapping (the form's POST or the API payload): it carries the
  ALTCHA solution in `data["altcha"]` (the widget's standard base64 payload) and the hidden
  field `data["website"]` that a human leaves empty;
- raises `Refused` (with `status` 429 over the limits, 400 without a valid, unused
  solution, and a translated `message` naming the field) — nothing is saved then;
- returns a `Verdict`: `spam` is true when the submission looks like spam (the hidden
  field filled, links in the free texts…): save it anyway, set aside for intake to review
  or purge, and answer the sender as if all went well.

Call it after the form's own validation (a solution is accepted once: a form shown again
with its errors gets a new challenge).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

CHALLENGE_FIELD = "altcha"
HONEYPOT_FIELD = "website"


class Refused(Exception):
    def __init__(self, status: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


@dataclass
class Verdict:
    spam: bool = False
    reasons: list[str] = field(default_factory=list)


def check(
    request: HttpRequest, data: Mapping[str, Any], *, kind: str, texts: Iterable[str] = ()
) -> Verdict:
    return Verdict()  # the real checks land with the guard


def challenge() -> dict[str, Any]:
    """A new ALTCHA challenge in its standard JSON form."""
    return {}
