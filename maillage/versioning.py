"""Optimistic concurrency: a save based on a stale version is refused, never merged.

Editable records carry a `version` integer. Actions call `bump_version()` inside their
transaction; it raises `StaleVersion` when someone else saved first, and the caller
shows the user the current version while keeping what they typed.
"""

from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    message = _(
        "Someone else changed this record while you were editing it. "
        "Your text is kept below; review the current version and save again."
    )

    def __init__(self, current_version: int) -> None:
        super().__init__(str(self.message))
        self.current_version = current_version


def bump_version(obj: models.Model, expected: int | None) -> None:
    """Take the next version of `obj`, if it is still at `expected` (None: don't check)."""
    model: Any = type(obj)
    rows = model.objects.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    changes: dict[str, Any] = {"version": F("version") + 1}
    if any(field.name == "updated_at" for field in model._meta.get_fields()):
        changes["updated_at"] = timezone.now()
    if not rows.update(**changes):
        current = model.objects.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise StaleVersion(current or 0)
    obj.version = model.objects.values_list("version", flat=True).get(pk=obj.pk)  # type: ignore[attr-defined]
