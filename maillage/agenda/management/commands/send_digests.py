from typing import Any

from django.core.management.base import BaseCommand

from maillage.agenda import digest


class Command(BaseCommand):
    help = (
        "Send the daily digest (counts per kind and links, no names) to each worker whose "
        "chosen hour has come (Europe/Brussels) and who has not had it today. Safe to run "
        "often, or by two workers at once: each day is claimed before sending. The worker "
        "runs it every 15 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = digest.send_digests()
        self.stdout.write(f"Digests sent: {counts['sent']}; nothing to report: {counts['empty']}.")
