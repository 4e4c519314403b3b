"""Every write to accounts: two-factor devices, language, API tokens."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage import audit

from .models import ApiToken, User


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device shown while setting up two-factor authentication."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Maillage", confirmed=False)
    return device


@transaction.atomic
def confirm_device(device: TOTPDevice, *, by: User) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    audit.record(by, "auth.second_factor_added")


def set_language(user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def issue_token(user: User, name: str = "", *, by: User | None = None) -> str:
    """Create an API token for the user; return the raw token (shown once)."""
    token, raw = ApiToken.issue(user, name)
    audit.record(by, "auth.token_issued", target=token)
    return raw
