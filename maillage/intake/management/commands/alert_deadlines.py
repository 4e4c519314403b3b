from typing import Any

from django.core.management.base import BaseCommand

from maillage.intake import alerts


class Command(BaseCommand):
    help = (
        "Alert the intake workers and the assigned worker of every open request whose "
        "answer is due within 24 hours, once per request. The worker does it every 15 "
        "minutes; run it from cron as often when no worker runs. Safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        alerted = alerts.alert_near_deadlines()
        self.stdout.write(f"{alerted} requests alerted.")
