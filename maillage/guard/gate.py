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
with its errors gets a new challenge). The limits are counted in the database, so they
hold across every web process. See docs/guard.md.
"""

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.tokens import keyed_digest

from .models import Attempt, SpentChallenge

CHALLENGE_FIELD = "altcha"
HONEYPOT_FIELD = "website"
ALGORITHM = "SHA-256"
WINDOW = timedelta(hours=1)
CHALLENGE_LIFETIME = timedelta(minutes=30)
MAX_PAYLOAD = 4000  # characters of the base64 solution: a real one is about 600
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
MAX_LINKS = 2  # more links than this in the free texts of one submission look like spam
# Why a submission looks like spam, in words (a `Verdict`'s reasons are these codes).
REASONS = {
    "hidden_field": gettext_lazy("the field that only robots fill was filled"),
    "links": gettext_lazy("many links in the text"),
}


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


def _secret() -> str:
    """The key that signs challenges: derived from SECRET_KEY, the same in every process."""
    return hashlib.sha256(b"maillage.guard.altcha:" + settings.SECRET_KEY.encode()).hexdigest()


def challenge(now: datetime | None = None) -> dict[str, Any]:
    """A new ALTCHA challenge (protocol v2) in its standard JSON form."""
    expires = (now or timezone.now()) + CHALLENGE_LIFETIME
    made = altcha.create_challenge(
        ALGORITHM,
        settings.PUBLIC_ALTCHA_COST,
        hmac_secret=_secret(),
        expires_at=int(expires.timestamp()),
    )
    return made.to_dict()


def address_of(request: HttpRequest) -> str:
    return keyed_digest("guard:" + (request.META.get("REMOTE_ADDR") or "unknown"))


def check(
    request: HttpRequest, data: Mapping[str, Any], *, kind: str, texts: Iterable[str] = ()
) -> Verdict:
    now = timezone.now()
    address = address_of(request)
    _within_limits(address, now)
    _spend(data.get(CHALLENGE_FIELD), now)
    Attempt.objects.create(address=address, kind=kind[:30], at=now)
    reasons = []
    if str(data.get(HONEYPOT_FIELD) or "").strip():
        reasons.append("hidden_field")
    if sum(len(LINK.findall(text or "")) for text in texts) > MAX_LINKS:
        reasons.append("links")
    return Verdict(spam=bool(reasons), reasons=reasons)


def _within_limits(address: str, now: datetime) -> None:
    since = now - WINDOW
    Attempt.objects.filter(at__lt=since).delete()  # older ones no longer count
    recent = Attempt.objects.filter(at__gte=since)
    if recent.filter(address=address).count() >= settings.PUBLIC_LIMIT_PER_ADDRESS:
        raise Refused(
            429,
            _(
                "Too many submissions from your connection in the last hour. What you "
                "sent before is kept. Please try again in an hour, or call the team."
            ),
        )
    if recent.count() >= settings.PUBLIC_LIMIT_OVERALL:
        raise Refused(
            429,
            _(
                "The service receives too many submissions right now. Please try again "
                "in an hour, or call the team."
            ),
        )


def _spend(payload: Any, now: datetime) -> None:
    """Accept a valid solution of one of our challenges, once; else refuse it."""
    refused = Refused(
        400,
        _(
            "The check “I am not a robot” is not complete: tick it and wait until it "
            "says it is verified, then send again."
        ),
        CHALLENGE_FIELD,
    )
    if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD:
        raise refused
    if not altcha.verify_solution(payload, _secret()).verified:
        raise refused
    try:
        signature = str(json.loads(base64.b64decode(payload))["challenge"]["signature"])
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise refused from error
    SpentChallenge.objects.filter(expires_at__lt=now).delete()
    try:
        with transaction.atomic():
            SpentChallenge.objects.create(
                signature=signature[:128], expires_at=now + CHALLENGE_LIFETIME
            )
    except IntegrityError as error:
        raise refused from error
