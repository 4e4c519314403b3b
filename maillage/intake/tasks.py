"""Background jobs of intake (plain functions, run by `maillage.jobs`)."""

from . import figures


def refresh_statistics() -> int:
    """Count the statistics per programme again (also `manage.py refresh_statistics`)."""
    return figures.refresh()


def alert_near_deadlines() -> int:
    """Alert the requests whose answer is due within 24 hours (also `manage.py
    alert_deadlines`)."""
    from . import alerts

    return alerts.alert_near_deadlines()
