from typing import Any

from django.core.management.base import BaseCommand

from maillage.orientation import coverage


class Command(BaseCommand):
    help = (
        "Count the coverage of the territory (services and unmet needs by life domain and "
        "commune) again. The worker does it every few minutes; run it from cron when no "
        "worker runs, and after a directory import. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        cells = coverage.refresh()
        self.stdout.write(f"Coverage counted again: {cells} cells.")
