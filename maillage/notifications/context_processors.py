"""The unread count of the header's inbox link: one query on the inbox index, run only
when a template shows it (not for partial htmx answers)."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notification

CAP = 99


def unread_label(user: Any) -> dict[str, Any]:
    # At most CAP + 1 rows are read, whatever the size of the inbox.
    unread = Notification.objects.of(user).unread().values_list("pk", flat=True)[: CAP + 1]
    count = len(list(unread))
    return {"unread": count, "label": f"{CAP}+" if count > CAP else str(count)}


def inbox(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "is_person_account", True):
        return {}
    return {"inbox": SimpleLazyObject(lambda: unread_label(user))}
