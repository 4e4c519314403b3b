"""Rows of the signals' export entries for the records completeness fixture: a signal
made into the person's request."""

from typing import Any

from maillage.screening import actions
from maillage.screening.models import ComplexitySignal

from .base import COMPLEX


def build_signal(built: Any) -> None:
    _signal, token = actions.record_signal(COMPLEX, anonymous=False)
    actions.attach(token, built.case.support_request)
    signal = ComplexitySignal.objects.get(support_request=built.case.support_request)
    built.add("signals", signal)
    built.add("signal_answers", *signal.rows.all())


BUILDERS = {"screening": build_signal}
