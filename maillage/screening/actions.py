"""Every write of the early-warning signals: recording one, linking it to the request
made from it. Nothing here stores who the person is."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage import audit, tokens
from maillage.intake.models import SupportRequest

from .findings import request_facts
from .models import ComplexitySignal, SignalAnswer
from .questions import QUESTIONS

# The public request form (maillage/public, above this app), which reads `?signal=` to
# fill in the facts and links the signal to the request it sends (`attach`).
REQUEST_FORM = "/public/request/"


def record_signal(answers: dict[str, Any], *, anonymous: bool) -> tuple[ComplexitySignal, str]:
    """Record validated answers (codes only, see `SignalForm.answers`).

    Returns the signal and, unless it is anonymous, the secret that the request form
    receives (`/public/request/?signal=…`); only its digest is kept.
    """
    kept = {q.code: answers[q.code] for q in QUESTIONS if answers.get(q.code)}
    token = "" if anonymous else tokens.new_token()
    with transaction.atomic():
        signal = ComplexitySignal.objects.create(
            answers=kept,
            age_band=kept.get("age_band", ""),
            gender=kept.get("gender", ""),
            language=kept.get("language", ""),
            reporter=kept.get("reporter", ""),
            anonymous=anonymous,
            token_digest=tokens.digest(token) if token else "",
        )
        SignalAnswer.objects.bulk_create(
            SignalAnswer(signal=signal, question=code, answer=answer)
            for code, value in kept.items()
            for answer in (value if isinstance(value, list) else [value])
        )
        audit.record(None, "signal.recorded", target=signal)
    return signal, token


def _by_token(token: str) -> ComplexitySignal | None:
    if not token or len(token) > 100:
        return None
    return ComplexitySignal.objects.filter(token_digest=tokens.digest(token)).first()


def facts_of(token: str) -> dict[str, Any] | None:
    """The request facts the signal gathered (facts vocabulary, known ones only), for the
    request form's prefill; None for an unknown token."""
    signal = _by_token(token)
    if signal is None:
        return None
    return request_facts(signal.answers)


def attach(token: str, support_request: SupportRequest) -> None:
    """Link the signal to the request made from it, once; an unknown token is ignored."""
    signal = _by_token(token)
    if signal is None or signal.support_request_id is not None:
        return
    with transaction.atomic():
        linked = ComplexitySignal.objects.filter(pk=signal.pk, support_request__isnull=True).update(
            support_request=support_request, updated_at=timezone.now()
        )
        if linked:
            audit.record(None, "signal.attached", target=signal)
