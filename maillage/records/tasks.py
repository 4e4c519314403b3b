"""Background jobs of records (plain functions, run by `maillage.jobs`)."""

from django.utils import timezone

from . import actions
from .erasure import default_retention_days


def erase_expired_cases() -> dict[str, int]:
    """The daily erasure of closed cases past the retention period (also the command)."""
    report = actions.erase_expired_cases(
        retention_days=default_retention_days(), now=timezone.now(), dry_run=False
    )
    return {"cases": report.cases, "persons": report.persons}
