from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maillage import audit


class Command(BaseCommand):
    help = (
        "Recompute the audit hash chain and the seals of the events not chained yet; "
        "exit non-zero naming the first broken event."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seal", action="store_true", help="Seal the events old enough first.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["seal"]:
            audit.seal()
        verdict = audit.verify()
        if not verdict.ok:
            raise CommandError(
                f"Audit chain broken at event #{verdict.broken_seq}: {verdict.problem} "
                f"({verdict.checked} events verified before it)."
            )
        self.stdout.write(
            f"Audit chain intact: {verdict.checked} events verified, "
            f"{verdict.unsealed} not sealed yet (each checked on its own)."
        )
