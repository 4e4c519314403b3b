"""`manage.py export_hsds DIR`: write the directory as an HSDS 3.0 tabular data package."""

from typing import Any

from django.core.management.base import BaseCommand

from maillage.directory.exporter import export_package


class Command(BaseCommand):
    help = "Write datapackage.json and one CSV file per HSDS table into DIR."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = export_package(options["folder"])
        for table, count in counts.items():
            if count:
                self.stdout.write(f"{table}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Exported to {options['folder']}."))
