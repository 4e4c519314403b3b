import os
from typing import Any

from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from maillage.demo import generator

from .demo_logins import logins_text


def unapplied_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(RunserverCommand):
    help = (
        "Serve the demo in one process (for `make run`): migrate when migrations are "
        "unapplied, seed the demo into an empty database, print the demo logins, then run "
        "the development server with its autoreloader. Takes runserver's arguments."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The autoreloader runs this command again in a child process (RUN_MAIN=true) and
        # again after each code change: prepare once, in the first process only.
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            self.prepare()
        super().handle(*args, **options)

    def prepare(self) -> None:
        if unapplied_migrations():
            call_command("migrate", interactive=False, stdout=self.stdout)
        if not generator.demo_present():
            call_command("seed_demo", quiet=True, stdout=self.stdout)
        self.stdout.write(logins_text())
        self.stdout.write("")
