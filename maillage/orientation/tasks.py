"""Background jobs of orientation (plain functions, run by `maillage.jobs`)."""

from django.conf import settings

from . import actions


def send_referral_reminders() -> dict[str, int]:
    """The daily reminders of unanswered referrals (also `manage.py send_referral_reminders`)."""
    return actions.send_reminders(base_url=settings.SITE_URL)
