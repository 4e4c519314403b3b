"""The periodic jobs, in one place. `manage.py worker` installs them (idempotent).

Each runs a plain task function; its command stays for cron users. With several workers
on PostgreSQL, a due schedule is claimed under a row lock, so a job runs once per period
whatever the number of workers; the jobs themselves are also safe to run twice.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Periodic:
    name: str
    func: str
    minutes: int  # the period
    at: time | None = None  # first run at this local time (daily jobs)


PERIODIC = (
    Periodic("emails to try again", "maillage.mail.retry_due", minutes=1),
    Periodic("seal the audit trail", "maillage.audit.tasks.seal_audit", minutes=1),
    Periodic("count the statistics", "maillage.intake.tasks.refresh_statistics", minutes=5),
    Periodic("count the coverage", "maillage.orientation.tasks.refresh_coverage", minutes=5),
    Periodic("daily digests", "maillage.agenda.tasks.send_digests", minutes=15),
    Periodic("deadline alerts", "maillage.intake.tasks.alert_near_deadlines", minutes=15),
    Periodic("public answers", "maillage.public.tasks.send_due_answers", minutes=5),
    Periodic(
        "referral reminders",
        "maillage.orientation.tasks.send_referral_reminders",
        minutes=24 * 60,
        at=time(7, 0),
    ),
    Periodic(
        "erase expired cases",
        "maillage.records.tasks.erase_expired_cases",
        minutes=24 * 60,
        at=time(3, 0),
    ),
)


def _first_run(job: Periodic, now: datetime) -> datetime:
    if job.at is None:
        return now
    local = timezone.localtime(now)
    first = local.replace(hour=job.at.hour, minute=job.at.minute, second=0, microsecond=0)
    return first if first > local else first + timedelta(days=1)


def install_schedules(now: datetime | None = None) -> list[str]:
    """Create or update the schedules of `PERIODIC`; remove ours that are gone."""
    from django_q.models import Schedule

    now = now or timezone.now()
    names = []
    for job in PERIODIC:
        existing = Schedule.objects.filter(name=job.name).first()
        fields = {"func": job.func, "schedule_type": Schedule.MINUTES, "minutes": job.minutes}
        if existing is None:
            Schedule.objects.create(name=job.name, next_run=_first_run(job, now), **fields)
        else:
            Schedule.objects.filter(pk=existing.pk).update(**fields)
        names.append(job.name)
    Schedule.objects.filter(func__startswith="maillage.").exclude(name__in=names).delete()
    return names
