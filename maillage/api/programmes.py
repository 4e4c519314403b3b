"""Programmes and their entry criteria: configuration, readable with any token."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from maillage.programmes.models import Programme

from .schemas import ProgrammeOut

router = Router(tags=["programmes"])


def programme_json(programme: Programme) -> dict[str, Any]:
    """Prefetch `criteria` to save a query per programme."""
    return {
        "code": programme.code,
        "name": programme.name,
        "names": {"fr": programme.name_fr, "nl": programme.name_nl, "en": programme.name_en},
        "answer_deadline_hours": programme.answer_deadline_hours,
        "planned_duration_days": programme.planned_duration_days,
        "criteria": [
            {"code": code, "label": label, "rule": rule}
            for code, label, rule in programme.criteria_rules()
        ],
    }


@router.get("", response=list[ProgrammeOut], summary="List active programmes")
def list_programmes(request: HttpRequest) -> list[dict[str, Any]]:
    """Active programmes and their active entry criteria (the rules are data)."""
    programmes = Programme.objects.active().prefetch_related("criteria")
    return [programme_json(programme) for programme in programmes]
