"""`manage.py import_hsds PATH`: import HSDS 3.0 data (tabular package or JSON)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.importer import ImportFailed, import_path


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 data: a folder or datapackage.json (CSV tables), or a JSON file "
        "(one object, a list or a paged API response). Nothing is imported when a problem "
        "is fatal; re-importing updates by id."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report only; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_path(options["path"], dry_run=options["dry_run"])
        except ImportFailed as failed:
            for problem in failed.report.warnings:
                self.stderr.write(f"warning: {problem}")
            for problem in failed.report.errors:
                self.stderr.write(f"error: {problem}")
            raise CommandError(f"{len(failed.report.errors)} error(s): nothing imported.") from None
        for problem in report.warnings:
            self.stderr.write(f"warning: {problem}")
        for table in report.created:
            self.stdout.write(
                f"{table}: {report.created[table]} created, {report.updated[table]} updated"
            )
        self.stdout.write(
            self.style.SUCCESS("Import done." if not options["dry_run"] else "Valid.")
        )
