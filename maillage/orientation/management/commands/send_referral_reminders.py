from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from maillage.orientation import actions


class Command(BaseCommand):
    help = (
        "Remind receiving services of referrals without an answer for "
        "MAILLAGE_REFERRAL_REMINDER_DAYS days (a fresh link each time) and tell the "
        "referring worker; after the last reminder, mark them “no response”. Safe to run "
        "several times a day: a referral is reminded at most once per period. Schedule it "
        "daily (cron or a systemd timer, see docs/orientation.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = actions.send_reminders(base_url=settings.SITE_URL)
        self.stdout.write(
            f"Referrals reminded: {counts['reminded']}; marked no response: "
            f"{counts['no_response']}; not sent (retried next run): {counts['failed']}."
        )
