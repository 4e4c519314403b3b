"""The signed-in user's own things: their notifications and their settings.

Mounted under `/me` (`/api/v1/me/notifications`, `/api/v1/me/settings`). A notification
holds a kind, a translated title, a link and ids, never content: the link's page or
endpoint applies the access policy when it is followed.
"""

from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from maillage import access
from maillage.accounts import actions as account_actions
from maillage.accounts.models import Digest, User
from maillage.notifications import actions
from maillage.notifications.models import Notification

from .paging import PageIn, page_json, paginate
from .schemas import ErrorOut, Id, Input, Iso, OptionalId, OptionalIso

router = Router(tags=["me"])

ERRORS: dict[int, Any] = dict.fromkeys((401, 403, 404, 422), ErrorOut)
WRITE_ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 413, 422), ErrorOut)

DigestCode = Literal[tuple(Digest.values)]  # type: ignore[valid-type]
LanguageCode = Literal["", "fr", "nl", "en"]


class NotificationFilters(PageIn):
    unread: bool | None = Field(None, description="true: unread only; false: read only.")


# Read from a `Notification`.
class NotificationOut(Schema):
    id: Id
    kind: str
    title: str = Field(description="What happened, in the language of `Accept-Language`.")
    url: str = Field(description="The page to open (a path on this site).")
    case_id: OptionalId
    request_id: OptionalId
    created_at: Iso
    read_at: OptionalIso

    @staticmethod
    def resolve_title(notification: Notification) -> str:
        return notification.title


class NotificationPage(Schema):
    items: list[NotificationOut]
    page: int
    per_page: int
    next_page: int | None


class SettingsIn(Input):
    digest: DigestCode = Field(description="The daily digest email: “daily” or “off”.")
    digest_hour: int = Field(ge=0, le=23, description="The digest's hour, Brussels time.")
    language: LanguageCode = Field(description="“fr”, “nl”, “en”, or “” to follow the browser.")


# Read from a `User`.
class SettingsOut(Schema):
    digest: str
    digest_hour: int
    language: str


@router.get(
    "/notifications",
    response={200: NotificationPage, **ERRORS},
    summary="List my notifications",
)
def list_notifications(request: HttpRequest, filters: Query[NotificationFilters]) -> dict[str, Any]:
    """Newest first; `unread=true` for the unread ones only."""
    notifications = access.notifications_of(request.user)
    if filters.unread is not None:
        notifications = notifications.filter(read_at__isnull=filters.unread)
    rows, next_page = paginate(notifications.order_by("-created_at", "-pk"), filters)
    return page_json(rows, filters, next_page)


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **WRITE_ERRORS},
    summary="Mark one of my notifications read",
)
def read_notification(request: HttpRequest, notification_id: UUID) -> Notification:
    """404 for a notification that is not yours. Reading it again keeps the first time."""
    notification = access.get_notification(request.user, notification_id)
    return actions.mark_read(request.user, notification.pk)


@router.get("/settings", response={200: SettingsOut, **ERRORS}, summary="Read my settings")
def get_settings(request: HttpRequest) -> User:
    return _user(request)


@router.put("/settings", response={200: SettingsOut, **WRITE_ERRORS}, summary="Change my settings")
def put_settings(request: HttpRequest, payload: SettingsIn) -> User:
    """The daily digest, its hour and the interface language; a bad value is a 422
    naming the field."""
    return account_actions.update_preferences(
        _user(request),
        digest=payload.digest,
        digest_hour=payload.digest_hour,
        language=payload.language,
    )


def _user(request: HttpRequest) -> User:
    """The token's user (the bearer auth sets it)."""
    return request.user  # type: ignore[return-value]
