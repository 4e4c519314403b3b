import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from maillage.jobs.schedule import install_schedules

WAIT_SECONDS = 1.0


def migrated() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


class Command(BaseCommand):
    help = (
        "Run a background worker: sends the queued jobs (emails, reminders…) and the "
        "periodic jobs. Run one or more, on one or several machines, beside the web "
        "server; they share the queue through the database. Waits until the database "
        "is migrated (`make run` migrates beside it on a first run)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not migrated():
            self.stdout.write("Waiting until the database is migrated…")
            while not migrated():
                time.sleep(WAIT_SECONDS)
        installed = install_schedules()
        self.stdout.write(f"Periodic jobs: {', '.join(installed)}.")
        call_command("qcluster")
