"""The case list: the cases I hold, or my team's."""

from typing import Any

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from maillage import access
from maillage.accounts.models import User
from maillage.ui.paging import paginate

from .models import Case, CaseWorker

TABS = {"mine": _("My cases"), "team": _("All cases I may see"), "closed": _("Closed")}


def case_list_for(user: User, params: QueryDict) -> dict[str, Any]:
    tab = params.get("tab", "mine")
    if tab not in TABS:
        tab = "mine"
    cases = (
        access.cases_visible_to(user)
        .select_related("person", "programme")
        .prefetch_related(
            Prefetch(
                "workers",
                queryset=CaseWorker.objects.filter(ended_at__isnull=True).select_related("user"),
            )
        )
    )
    if tab == "mine":
        cases = cases.open().latest_assigned_to(user)
    elif tab == "team":
        cases = cases.open().order_by("-opened_at")
    else:
        cases = cases.filter(phase=Case.Phase.CLOSED).order_by("-opened_at")
    phase = params.get("phase", "")
    if phase in Case.Phase.values:
        cases = cases.filter(phase=phase)
    page = paginate(cases, params)
    access.record_listing(user, "case.listed")
    return {"tab": tab, "tabs": TABS, "page": page, "phases": Case.Phase.choices, "phase": phase}
