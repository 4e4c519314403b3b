"""What is still open when a case closes: its open goals and its overdue actions.

Closing with such items is allowed, but the worker then says why in the closing note
(`casefile.actions.close_case` requires it; the page lists them and asks for it). Without open
items nothing changes. Read from a case the caller got from `maillage.access`.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import Case
from maillage.plans.models import Goal

# At most this many of each are listed (the count of what is left is not needed).
SHOWN = 50
NOTE_NEEDED = _(
    "Goals are still open or actions overdue: write in the closing note why the case "
    "closes now and what becomes of them."
)


def open_items(case: Case, today: date | None = None) -> dict[str, list[Any]]:
    """The open goals and the overdue actions of the case (two bounded queries)."""
    today = today or timezone.localdate()
    goals = case.goals.filter(status__in=Goal.OPEN_STATUSES).order_by("priority", "created_at")
    overdue = case.actions.overdue(today).select_related("owner").order_by("due_on", "pk")  # type: ignore[attr-defined]
    return {"goals": list(goals[:SHOWN]), "overdue_actions": list(overdue[:SHOWN])}


def has_open_items(items: dict[str, list[Any]]) -> bool:
    return bool(items["goals"] or items["overdue_actions"])
