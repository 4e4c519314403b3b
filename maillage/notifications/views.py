"""The inbox: the user's own notices, unread first; opening one marks it read."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from maillage import access
from maillage.ui.paging import paginate

from . import actions


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = paginate(access.notifications_of(request.user).inbox_order(), request.GET)
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
def read(request: HttpRequest, notification_id: UUID) -> HttpResponse:
    """Mark the notice read and follow its link (a path on this site only)."""
    notification = actions.mark_read(
        request.user, access.get_notification(request.user, notification_id).pk
    )
    if request.POST.get("stay") or not _safe(request, notification.url):
        return redirect("notifications:inbox")
    return redirect(notification.url)


@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    if actions.mark_all_read(request.user):
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications:inbox")


def _safe(request: HttpRequest, url: str) -> bool:
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, {request.get_host()})
