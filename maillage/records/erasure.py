"""Which closed cases are past the retention period (read only; writes: actions.py).

A case is erased when it was closed more than `retention_days` ago (setting
`MAILLAGE_RETENTION_DAYS`) and the later check that the network held is done, was never
planned, or its date has passed; a case already erased is never taken again.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from maillage.cases.models import Case


def default_retention_days() -> int:
    return int(settings.MAILLAGE_RETENTION_DAYS)


def expired_cases(*, retention_days: int, now: datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days)
    check_over = (
        Q(follow_up_done_at__isnull=False)
        | Q(follow_up_on__isnull=True)
        | Q(follow_up_on__lt=timezone.localdate(now))
    )
    return (
        Case.objects.filter(phase=Case.Phase.CLOSED, closed_at__lt=cutoff, erasure__isnull=True)
        .filter(check_over)
        .order_by("closed_at", "pk")
    )
