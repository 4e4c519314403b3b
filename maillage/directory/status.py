"""Which directory services take an orientation, and their HSDS status in words.

The directory keeps the HSDS status of each service ("active", "inactive", "defunct",
"temporarily closed"). A service that is inactive, defunct or temporarily closed cannot
be chosen: the search shows its status without an "Orient here" button, and
`actions.refer` refuses it. A service without a status (the field is optional in
practice) is taken as open.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

CLOSED_STATUSES = {
    "inactive": _("inactive"),
    "defunct": _("defunct"),
    "temporarily closed": _("temporarily closed"),
}


def closed_status(service: Any) -> str:
    """The service's status in words when it takes no orientation, else ""."""
    label = CLOSED_STATUSES.get((service.status or "").strip().lower())
    return str(label) if label is not None else ""


def status_label(service: Any) -> str:
    """The status in words for a service that is not active ("" when active)."""
    status = (service.status or "").strip().lower()
    if status in ("", "active"):
        return ""
    return closed_status(service) or service.status
