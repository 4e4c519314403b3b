"""The intake queue: the requests a user works on, most urgent first."""

from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage import access
from maillage.accounts.models import User
from maillage.ui.paging import paginate

TABS = {
    "open": _("Awaiting an answer"),
    "overdue": _("Overdue"),
    "answered": _("Answered"),
}


def queue_for(user: User, params: QueryDict) -> dict[str, Any]:
    tab = params.get("tab", "open")
    if tab not in TABS:
        tab = "open"
    programmes = list(access.programmes_open_to(user))
    requests = access.requests_visible_to(user).select_related(
        "programme", "person", "decision", "assigned_to"
    )
    code = params.get("programme", "")
    if code:
        requests = requests.filter(programme__code=code)
    now = timezone.now()
    if tab == "open":
        requests = requests.open().due_first()
    elif tab == "overdue":
        requests = requests.overdue(now).due_first()
    else:
        requests = requests.answered().order_by("-answered_at", "-received_at")
    page = paginate(requests, params)
    access.record_listing(user, "request.listed")
    for support_request in page.items:
        support_request.overdue = support_request.is_overdue(now)
    return {
        "tab": tab,
        "tabs": TABS,
        "programmes": programmes,
        "programme_code": code,
        "page": page,
        "now": now,
    }
