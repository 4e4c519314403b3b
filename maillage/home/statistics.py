"""Anonymous aggregates per programme: no person appears here.

The page reads the figures kept by `maillage.intake.figures` (counted again every few
minutes by a job), never every request; it says when they were counted."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from maillage.intake import figures
from maillage.intake.models import ProgrammeFigures
from maillage.programmes.models import Programme


@dataclass
class Statistics:
    rows: list[dict[str, Any]]
    as_of: datetime | None  # when the figures were counted; None without programmes


def _row(programme: Programme, counted: dict[str, Any]) -> dict[str, Any]:
    return {
        "programme": programme,
        **{key: counted.get(key, 0) for key in figures.COUNTS},
        "mean_answer_hours": figures.mean_answer_hours(
            counted.get("answered", 0), counted.get("answer_time")
        ),
    }


def _kept(programme: Programme) -> ProgrammeFigures | None:
    return getattr(programme, "figures", None)


def programme_statistics() -> Statistics:
    """The kept figures (one query). Before the first job kept any (a new installation
    without a worker), they are counted for this view only: a GET writes nothing."""
    programmes = list(Programme.objects.filter(is_template=False).select_related("figures"))
    if programmes and not any(_kept(p) for p in programmes):
        now = timezone.now()
        return Statistics(programme_statistics_from_scratch(now), as_of=now)
    rows, as_of = [], None
    for programme in programmes:
        kept = _kept(programme)
        counted = {} if kept is None else vars(kept)
        rows.append(_row(programme, counted))
        if kept is not None and (as_of is None or kept.refreshed_at < as_of):
            as_of = kept.refreshed_at
    return Statistics(rows, as_of)


def programme_statistics_from_scratch(now: datetime | None = None) -> list[dict[str, Any]]:
    """The same rows counted from every request now (for checks: slow on a large base)."""
    counted = figures.count(now or timezone.now())
    return [
        _row(programme, counted.get(programme.pk, {}))
        for programme in Programme.objects.filter(is_template=False)
    ]
