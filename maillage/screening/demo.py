"""Demo: early-warning signals, so that the figures page shows something. Some are
anonymous, some made into the demo's answered requests (the oldest ones), with answers
drawn from a fixed seed. `seed_demo` calls `seed_signals()` once the requests are written
(maillage/demo/generator.py)."""

import random
from typing import Any

from maillage.intake.models import SupportRequest

from . import actions
from .models import ComplexitySignal
from .questions import ALONE, QUESTIONS

SIGNALS = 120
MADE_INTO_REQUESTS = 80


def _answers(rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        codes = [code for code, _label in question.choices]
        if question.multiple:
            known = [code for code in codes if code not in ALONE]
            answers[question.code] = rng.sample(known, rng.randint(1, 3))
        elif question.required or rng.random() < 0.8:
            answers[question.code] = rng.choice(codes)
    return answers


def seed_signals(seed_value: int = 107) -> int:
    """Create the demo signals once; return how many were created."""
    if ComplexitySignal.objects.exists():
        return 0
    rng = random.Random(seed_value)
    answered = list(
        SupportRequest.objects.answered()
        .filter(complexity_signals__isnull=True)
        .order_by("received_at")[:MADE_INTO_REQUESTS]
    )
    for number in range(SIGNALS):
        made_into = answered[number] if number < len(answered) else None
        _signal, token = actions.record_signal(_answers(rng), anonymous=made_into is None)
        if made_into is not None:
            actions.attach(token, made_into)
    return SIGNALS
