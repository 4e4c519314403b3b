"""Erase the personal content of closed cases past the retention period; report it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maillage.records import actions
from maillage.records.erasure import default_retention_days


class Command(BaseCommand):
    help = (
        "Erase (anonymise) closed cases older than the retention period "
        "(MAILLAGE_RETENTION_DAYS); --dry-run reports without changing anything."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )
        parser.add_argument(
            "--retention-days",
            type=int,
            default=None,
            help="Days after closing (default: the MAILLAGE_RETENTION_DAYS setting).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["retention_days"]
        days = default_retention_days() if days is None else days
        if days < 0:
            raise CommandError("--retention-days must be 0 or more.")
        dry_run = options["dry_run"]
        report = actions.erase_expired_cases(
            retention_days=days, now=timezone.now(), dry_run=dry_run
        )
        self._print(report, days=days, dry_run=dry_run)

    def _print(self, report: actions.ErasureReport, *, days: int, dry_run: bool) -> None:
        write = self.stdout.write
        if dry_run:
            write("Dry run: nothing was changed. This is what a real run would do.")
        write(f"Retention period: {days} days after closing.")
        write(f"Cases erased: {report.cases}")
        write(f"Persons anonymised: {report.persons}")
        if report.rows:
            write("Rows deleted, cleared or anonymised, per record type:")
            for what, count in sorted(report.rows.items()):
                write(f"  {what}: {count}")
        else:
            write("No row changed.")
