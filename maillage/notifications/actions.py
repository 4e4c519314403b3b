"""Every write to notifications: notify, mark one or all as read.

`notify()` is called by the actions of higher apps, inside their transaction, so a change
that is rolled back notifies nobody. It never stores text nor a name: a kind, a link and
the ids of the case or request the link leads to.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from maillage.accounts.models import User

from .models import Kind, Notification


def _pk(user: Any) -> Any:
    return getattr(user, "pk", user)


def notify(
    recipients: Iterable[Any],
    kind: str,
    *,
    url: str,
    case_id: UUID | None = None,
    request_id: UUID | None = None,
    exclude: Any = None,
) -> list[Notification]:
    """One notice per recipient (users or user ids, repeated ones once), except the user
    who caused it (`exclude`), inactive users and persons' own accounts."""
    kind = Kind(kind)
    ids = {_pk(user) for user in recipients if user is not None} - {_pk(exclude)}
    if not ids:
        return []
    users = User.objects.filter(pk__in=ids, is_active=True, is_person_account=False)
    return Notification.objects.bulk_create(
        Notification(
            recipient_id=user_id, kind=kind, url=url[:300], case_id=case_id, request_id=request_id
        )
        for user_id in sorted(users.values_list("pk", flat=True))
    )


@transaction.atomic
def mark_read(user: User, notification_id: UUID) -> Notification:
    """The user read one of their notices (404 for any other); reading it again keeps
    the first time."""
    notification = get_object_or_404(
        Notification.objects.select_for_update().of(user), pk=notification_id
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user: User) -> int:
    """Every unread notice of the user is read now; returns how many."""
    return Notification.objects.of(user).unread().update(read_at=timezone.now())


def workers_of(case: Any) -> Any:
    """The ids of the case's active workers (read through the case's reverse relation,
    so that this low app imports no case model)."""
    if case is None:
        return []
    return case.workers.filter(ended_at__isnull=True).values_list("user_id", flat=True)
