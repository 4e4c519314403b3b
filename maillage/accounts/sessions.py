"""Sessions in the database that remember when they were last saved.

A session expires SESSION_COOKIE_AGE after its last save. The time of that save, kept in
the session itself, lets `SessionActivityMiddleware` save an active session again only
once every few minutes instead of on every request (one commit less per page view).
"""

from django.contrib.sessions.backends import db
from django.utils import timezone

SAVED_AT = "_saved_at"


class SessionStore(db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        self._session[SAVED_AT] = int(timezone.now().timestamp())
        super().save(must_create=must_create)


def saved_at(session: db.SessionStore) -> int:
    """When the session was last saved (its expiry then pushed back), as a timestamp."""
    return int(session.get(SAVED_AT, 0))
