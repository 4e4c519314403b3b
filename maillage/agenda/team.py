"""The team lead's table: each worker of their teams with what they carry."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from maillage import access
from maillage.accounts.models import User

from .items import SOON


@dataclass(frozen=True)
class WorkerRow:
    worker: User
    open_cases: int
    overdue_actions: int
    reviews_due: int
    requests_to_answer: int


def team_table(user: User, now: datetime | None = None) -> list[WorkerRow]:
    """One row per worker of the teams the user leads (none if they lead no team), the
    most loaded first."""
    workers = list(access.agenda.team_workers(user))
    if not workers:
        return []
    today = timezone.localdate(now or timezone.now())
    counts = access.agenda.team_workload(user, today=today, review_until=today + SOON)
    rows = [
        WorkerRow(
            worker=worker,
            open_cases=counts.get(worker.pk, {}).get("open_cases", 0),
            overdue_actions=counts.get(worker.pk, {}).get("overdue_actions", 0),
            reviews_due=counts.get(worker.pk, {}).get("reviews_due", 0),
            requests_to_answer=counts.get(worker.pk, {}).get("requests_to_answer", 0),
        )
        for worker in workers
    ]
    # Who has the most waiting first (then the largest caseload), so that the lead sees
    # at once where help is needed; the page shows the first rows, the rest on demand.
    rows.sort(
        key=lambda row: (
            -(row.overdue_actions + row.reviews_due + row.requests_to_answer),
            -row.open_cases,
            row.worker.get_full_name().casefold(),
        )
    )
    return rows
