"""The audit trail of Maillage: every read and write of person-level data.

Call `record()` (from actions for writes, from `maillage.access` for reads);
`verify()` recomputes the chain (`manage.py verify_audit`). Both live in `chain`;
they are loaded lazily so that this package can be imported before Django is ready.
"""

from typing import Any

__all__ = ["record", "verify"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import chain

        return getattr(chain, name)
    raise AttributeError(name)
