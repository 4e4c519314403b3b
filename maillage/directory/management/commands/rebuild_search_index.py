"""Index every directory service again (after a migration or a bulk change)."""

from django.core.management.base import BaseCommand

from maillage.directory.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the directory's full-text search index and its vocabulary."

    def handle(self, *args, **options) -> None:
        count = rebuild_index()
        self.stdout.write(f"{count} services indexed.")
