"""Background jobs of orientation (plain functions, run by `maillage.jobs`)."""

from . import actions


def send_referral_reminders() -> dict[str, int]:
    """The daily reminders of unanswered referrals (also `manage.py send_referral_reminders`)."""
    return actions.send_reminders()
