"""Background jobs of orientation (plain functions, run by `maillage.jobs`)."""

from . import actions, coverage


def send_referral_reminders() -> dict[str, int]:
    """The daily reminders of unanswered referrals (also `manage.py send_referral_reminders`)."""
    return actions.send_reminders()


def refresh_coverage() -> int:
    """Count the coverage of the territory again (also `manage.py refresh_coverage`)."""
    return coverage.refresh()
