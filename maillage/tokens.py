"""Secret links, API tokens and one-time codes: made here, stored only as digests."""

import hashlib
import hmac
import secrets

from django.conf import settings


def new_token(prefix: str = "") -> str:
    """A fresh URL-safe secret of 256 bits, for a link or an API token."""
    return prefix + secrets.token_urlsafe(32)


def digest(raw: str) -> str:
    """SHA-256 of a token made by `new_token`: enough to find it again, useless to
    whoever reads the database (256 random bits cannot be guessed back)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def keyed_digest(raw: str) -> str:
    """HMAC-SHA256 keyed with SECRET_KEY, for short codes (a printed letter's) that a
    stolen database alone could otherwise be searched for by brute force."""
    return hmac.new(settings.SECRET_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()
