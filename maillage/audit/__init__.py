"""The audit trail of Maillage: every read and write of person-level data.

Call `record()` (from actions for writes, from `maillage.access` for reads);
`seal()` links the recorded events into the hash chain (a periodic job, and
`manage.py seal_audit`); `verify()` recomputes it (`manage.py verify_audit`). They live
in `chain`;
they are loaded lazily so that this package can be imported before Django is ready.
"""

from typing import Any

__all__ = ["record", "seal", "verify"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import chain

        return getattr(chain, name)
    raise AttributeError(name)
