from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from maillage.demo import generator
from maillage.intake import figures
from maillage.orientation import coverage


class Command(BaseCommand):
    help = (
        "Create deterministic synthetic demo data: the Brusano, Bru-Stars, DUNE and Équipe "
        "mobile 107 teams and programmes, demo accounts (password "
        f"'{generator.DEMO_PASSWORD}'), persons, requests in every state and cases. "
        "If the demo accounts already exist, nothing is added (seed a fresh database, or "
        "`manage.py flush`, to start over)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--persons",
            type=int,
            default=generator.DEFAULT_PERSONS,
            help=f"Number of persons, each with one request (default "
            f"{generator.DEFAULT_PERSONS}). Beyond {generator.RICH_PERSONS}, rows are "
            "bulk-created for volume.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=generator.DEFAULT_SEED,
            help=f"Random seed (default {generator.DEFAULT_SEED}): same seed, same data.",
        )
        parser.add_argument(
            "--stress",
            action="store_true",
            help="Give every bulk case to the demo's few case managers (thousands each) and "
            "accept four requests in ten, instead of realistic caseloads of 20–60 open cases "
            "per case manager and one request in ten accepted.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, quietly, when the demo is already there (for `make run`).",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Do not print the demo logins at the end."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if generator.demo_present():
            if options["if_empty"]:
                self.stdout.write("Demo data already present.")
            else:
                self.stdout.write(
                    self.style.WARNING(
                        "Demo data already present: nothing added. To start over, seed a fresh "
                        "database (or run `manage.py flush` first)."
                    )
                )
            return
        persons = max(0, options["persons"])
        self.stdout.write(f"Seeding demo data: {persons:,} persons (seed {options['seed']})…")
        summary = generator.seed(
            persons=persons,
            seed_value=options["seed"],
            stress=options["stress"],
            progress=self.stdout.write,
        )
        # Fresh statistics, so the query planner picks the list indexes after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # The statistics and the coverage as the worker keeps them, counted once now.
        figures.refresh()
        coverage.refresh()
        width = max(len(name) for name in summary.counts)
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name.ljust(width)}  {count:>9,}")
        self.stdout.write(self.style.SUCCESS(f"Demo data created in {summary.seconds:.1f} s."))
        if not options["quiet"]:
            from .demo_logins import logins_text

            self.stdout.write("")
            self.stdout.write(logins_text())
