"""The statistics per programme, counted once and kept (`ProgrammeFigures`).

`count()` scans every request (seconds at 100,000 requests): only `refresh()` runs it, from
a periodic job every few minutes and from `manage.py refresh_statistics`. The statistics
page reads the kept rows, so its cost does not grow with the number of requests.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from maillage.programmes.models import Programme

from .models import Decision, ProgrammeFigures, SupportRequest

COUNTS = ("total", "open", "overdue", "accepted", "refused", "oriented", "late_answers")


def count(now: datetime) -> dict[Any, dict[str, Any]]:
    """The figures of each programme that has requests, from every request, as of `now`."""
    answer_time = ExpressionWrapper(
        F("decision__decided_at") - F("received_at"), output_field=DurationField()
    )
    rows = (
        SupportRequest.objects.values("programme_id")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status="open")),
            overdue=Count("pk", filter=Q(status="open", answer_due__lt=now)),
            accepted=Count("pk", filter=Q(decision__kind=Decision.Kind.ACCEPT)),
            refused=Count("pk", filter=Q(decision__kind=Decision.Kind.REFUSE)),
            oriented=Count("pk", filter=Q(decision__kind=Decision.Kind.ORIENT)),
            late_answers=Count("pk", filter=Q(decision__decided_at__gt=F("answer_due"))),
            answered=Count("decision__decided_at"),
            answer_time=Sum(answer_time),
        )
        .order_by()
    )
    return {
        row.pop("programme_id"): {**row, "answer_time": row["answer_time"] or timedelta()}
        for row in rows
    }


def refresh(now: datetime | None = None) -> int:
    """Count again and keep the figures of every programme; return how many were kept.

    Safe when two run at once (an upsert per programme): the last one written wins."""
    now = now or timezone.now()
    counted = count(now)
    fields = [*COUNTS, "answered", "answer_time"]
    rows = [
        ProgrammeFigures(programme_id=pk, refreshed_at=now, **counted.get(pk, {}))
        for pk in Programme.objects.values_list("pk", flat=True)
    ]
    ProgrammeFigures.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["programme"],
        update_fields=[*fields, "refreshed_at"],
    )
    return len(rows)


def mean_answer_hours(answered: int, answer_time: timedelta | None) -> float | None:
    """The mean time to answer in hours, one decimal; None when nothing was answered."""
    mean = answer_time / answered if answered and answer_time is not None else None
    return round(mean / timedelta(hours=1), 1) if mean else None
