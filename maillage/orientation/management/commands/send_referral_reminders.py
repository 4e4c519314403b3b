from typing import Any

from django.core.management.base import BaseCommand

from maillage.orientation import actions


class Command(BaseCommand):
    help = (
        "Remind receiving services of referrals without an answer for "
        "MAILLAGE_REFERRAL_REMINDER_DAYS days (a fresh link each time) and tell the "
        "referring worker; after the last reminder, mark them “no response”. Safe to run "
        "several times a day, or by two workers at once: a referral is reminded at most "
        "once per period. The emails leave through the mail job, which retries them. "
        "Schedule it daily (cron or a systemd timer, see docs/orientation.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = actions.send_reminders()
        self.stdout.write(
            f"Referrals reminded: {counts['reminded']}; marked no response: "
            f"{counts['no_response']}."
        )
