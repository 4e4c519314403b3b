"""Background jobs of the agenda (plain functions, run by `maillage.jobs`)."""

from . import digest


def send_digests() -> dict[str, int]:
    """The daily digests now due (every 15 minutes; also `manage.py send_digests`)."""
    return digest.send_digests()
