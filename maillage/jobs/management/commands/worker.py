from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from maillage.jobs.schedule import install_schedules


class Command(BaseCommand):
    help = (
        "Run a background worker: sends the queued jobs (emails, reminders…) and the "
        "periodic jobs. Run one or more, on one or several machines, beside the web "
        "server; they share the queue through the database."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        installed = install_schedules()
        self.stdout.write(f"Periodic jobs: {', '.join(installed)}.")
        call_command("qcluster")
