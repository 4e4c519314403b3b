"""The findings of a signal against the programmes active today (one query for the
programmes and their criteria)."""

from typing import Any

from maillage.programmes.models import Programme

from .findings import Findings, findings


def findings_now(answers: dict[str, Any]) -> Findings:
    active = Programme.objects.active().prefetch_related("criteria")
    return findings(answers, [(p.name, p.criteria_rules()) for p in active])
