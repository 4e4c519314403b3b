"""The audit trail's periodic job."""

from . import chain


def seal_audit() -> int:
    """Seal the events recorded since the last run into the hash chain."""
    return chain.seal()
