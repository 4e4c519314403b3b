"""Anonymous aggregates per programme: no person appears here."""

from datetime import timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from maillage.intake.models import Decision, SupportRequest
from maillage.programmes.models import Programme


def programme_statistics() -> list[dict[str, Any]]:
    now = timezone.now()
    counts = SupportRequest.objects.values("programme_id").annotate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status="open")),
        overdue=Count("pk", filter=Q(status="open", answer_due__lt=now)),
        accepted=Count("pk", filter=Q(decision__kind=Decision.Kind.ACCEPT)),
        refused=Count("pk", filter=Q(decision__kind=Decision.Kind.REFUSE)),
        oriented=Count("pk", filter=Q(decision__kind=Decision.Kind.ORIENT)),
        late_answers=Count("pk", filter=Q(decision__decided_at__gt=F("answer_due"))),
        mean_answer=Avg(
            ExpressionWrapper(
                F("decision__decided_at") - F("received_at"), output_field=DurationField()
            )
        ),
    )
    by_programme = {row["programme_id"]: row for row in counts}
    rows = []
    for programme in Programme.objects.filter(is_template=False):
        row = by_programme.get(programme.pk, {})
        mean = row.get("mean_answer")
        rows.append(
            {
                "programme": programme,
                **{
                    key: row.get(key, 0)
                    for key in (
                        "total",
                        "open",
                        "overdue",
                        "accepted",
                        "refused",
                        "oriented",
                        "late_answers",
                    )
                },
                "mean_answer_hours": round(mean / timedelta(hours=1), 1) if mean else None,
            }
        )
    return rows
