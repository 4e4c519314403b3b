from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage import audit


class Command(BaseCommand):
    help = "Recompute the audit hash chain; exit non-zero naming the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = audit.verify()
        if not verdict.ok:
            raise CommandError(
                f"Audit chain broken at event #{verdict.broken_seq}: {verdict.problem} "
                f"({verdict.checked} events verified before it)."
            )
        self.stdout.write(f"Audit chain intact: {verdict.checked} events verified.")
