from typing import Any

from django.core.management.base import BaseCommand

from maillage import audit


class Command(BaseCommand):
    help = (
        "Seal the audit events recorded since the last seal into the hash chain (the "
        "worker does it every minute; for cron users)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sealed = audit.seal()
        self.stdout.write(f"Audit events sealed: {sealed}.")
