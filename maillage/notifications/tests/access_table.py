"""The inbox pages and the /me API in the access matrix (maillage/access/tests).

Every signed-in professional has an inbox; a notice is its recipient's only: camille's
answers 404 to everyone else, page and API alike.
"""

from typing import Any

from maillage.access.tests.matrix import ALL, NOT_FOUND, OK, REDIRECT, only
from maillage.notifications import actions
from maillage.notifications.models import Kind, Notification


def _camilles(case: Any) -> dict[str, Any]:
    worker = case.workers.get(user__username="camille").user
    notice = Notification.objects.filter(recipient=worker).first()
    if notice is None:
        (notice,) = actions.notify([worker], Kind.CONSENT_WISH, url="/", case_id=case.pk)
    return {"notification_id": notice.pk}


PAGES = {
    "notifications:inbox": ("get", "", only(set(ALL)), REDIRECT),
    "notifications:read": ("post", _camilles, only({"camille"}, yes=REDIRECT), REDIRECT),
    "notifications:read_all": ("post", "", only(set(ALL), yes=REDIRECT), REDIRECT),
}

OPERATIONS = {
    ("get", "/api/v1/me/notifications"): (only(set(ALL), OK, OK), None),
    ("post", "/api/v1/me/notifications/{notification_id}/read"): (
        only({"camille"}, OK, NOT_FOUND),
        {},
        _camilles,
    ),
    ("get", "/api/v1/me/settings"): (only(set(ALL), OK, OK), None),
    ("put", "/api/v1/me/settings"): (
        only(set(ALL), OK, OK),
        {"digest": "daily", "digest_hour": 8, "language": ""},
    ),
}
