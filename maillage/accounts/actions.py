"""Every write to accounts: two-factor devices, language and preferences, API tokens."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from maillage import audit

from .models import ApiToken, Digest, User

DEVICE_NAME = "Maillage"


def new_device_key() -> str:
    """A fresh TOTP key (hex), kept in the session until the user confirms it."""
    return random_hex(20)


def device_for_key(user: User, key: str) -> TOTPDevice:
    """An unsaved device for this key: its QR code and key are shown while setting up."""
    return TOTPDevice(user=user, key=key, name=DEVICE_NAME, confirmed=False)


def code_matches_key(user: User, key: str, token: str) -> bool:
    """Whether the code was computed from this (not yet saved) key."""
    device = device_for_key(user, key)
    if not token.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return bool(totp.verify(int(token), tolerance=device.tolerance))


def verify_current_code(user: User, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts this code (throttled by django-otp)."""
    for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device  # type: ignore[no-any-return]
    return None


@transaction.atomic
def add_device(user: User, key: str) -> TOTPDevice:
    """Turn two-factor authentication on with this key, replacing any earlier device.

    The view asks for the current second factor before a replacement."""
    replaced = TOTPDevice.objects.filter(user=user).exists()
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, key=key, name=DEVICE_NAME, confirmed=True)
    verb = "auth.second_factor_replaced" if replaced else "auth.second_factor_added"
    audit.record(user, verb, target=user)
    return device


@transaction.atomic
def remove_devices(user: User) -> None:
    """The user turns two-factor authentication off (where their roles allow it)."""
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(user, "auth.second_factor_removed", target=user)


@transaction.atomic
def reset_second_factor(user: User, *, by: User) -> None:
    """An administrator removes a lost device; the user sets up a new one at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(by, "auth.second_factor_reset", target=user)


def set_language(user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def issue_token(user: User, name: str = "", *, by: User | None = None) -> str:
    """Create an API token for the user; return the raw token (shown once)."""
    token, raw = ApiToken.issue(user, name)
    audit.record(by, "auth.token_issued", target=token)
    return raw


def update_preferences(
    user: User,
    *,
    digest: str | None = None,
    digest_hour: int | None = None,
    language: str | None = None,
) -> User:
    """The user's own settings: the daily digest (daily or off), its hour (0 to 23,
    Brussels time) and the language ("" follows the browser). None keeps a value.

    Like the language, a preference is not audited: it says nothing about anyone."""
    errors = {}
    if digest is not None and digest not in Digest.values:
        errors["digest"] = _("Choose “daily” or “off”.")
    if digest_hour is not None and not (isinstance(digest_hour, int) and 0 <= digest_hour <= 23):
        errors["digest_hour"] = _("Choose an hour from 0 to 23.")
    if language is not None and language and language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose one of the languages of Maillage, or none.")
    if errors:
        raise ValidationError(errors)
    changed = [
        field
        for field, value in (
            ("digest", digest),
            ("digest_hour", digest_hour),
            ("language", language),
        )
        if value is not None and getattr(user, field) != value
    ]
    values = {"digest": digest, "digest_hour": digest_hour, "language": language}
    for field in changed:
        setattr(user, field, values[field])
    if changed:
        user.save(update_fields=changed)
    return user
