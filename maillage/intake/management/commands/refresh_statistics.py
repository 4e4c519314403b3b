from typing import Any

from django.core.management.base import BaseCommand

from maillage.intake import figures


class Command(BaseCommand):
    help = (
        "Count the anonymous statistics per programme again from every request. The "
        "worker does it every few minutes; run it from cron when no worker runs, and "
        "after an import. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        kept = figures.refresh()
        self.stdout.write(f"Statistics counted again for {kept} programmes.")
