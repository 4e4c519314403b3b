"""Background jobs of intake (plain functions, run by `maillage.jobs`)."""

from . import figures


def refresh_statistics() -> int:
    """Count the statistics per programme again (also `manage.py refresh_statistics`)."""
    return figures.refresh()
