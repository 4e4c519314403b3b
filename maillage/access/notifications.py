"""A user's own notifications: nobody reads another's inbox.

A notice holds a kind, a link and ids, never content: its target page applies the
policy when it is opened. A person's own account has no inbox.
"""

from typing import Any
from uuid import UUID

from django.http import Http404

from maillage.notifications.models import Notification, NotificationQuerySet


def notifications_of(user: Any) -> NotificationQuerySet:
    """The user's notices (none for a person's own account or a signed-out user)."""
    if not user.is_authenticated or getattr(user, "is_person_account", False):
        return Notification.objects.none()
    return Notification.objects.of(user)


def get_notification(user: Any, notification_id: UUID) -> Notification:
    """One of the user's notices; 404 for anyone else's (missing and hidden look alike)."""
    notification = notifications_of(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification
