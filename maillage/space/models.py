"""The person's own space: their account, the invitation to open it, their wishes."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.categories import Category
from maillage.network.models import Actor

# Printable one-time codes: no 0/O, 1/I/L, so that they survive a handwritten copy.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """XXXX-XXXX-XX: easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class Relation(models.TextChoices):
    SELF = "self", _("the person themself")
    REPRESENTATIVE = "representative", _("a legal representative")


class SpaceAccount(models.Model):
    """A sign-in to one person's own space: the person, or their legal representative."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_account"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="space_accounts"
    )
    relation = models.CharField(
        _("who signs in"), max_length=20, choices=Relation.choices, default=Relation.SELF
    )
    representative_name = models.CharField(_("representative's name"), max_length=200, blank=True)
    representative_capacity = models.CharField(
        _("representative's capacity"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("space account")
        verbose_name_plural = _("space accounts")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class SpaceInvitationQuerySet(models.QuerySet["SpaceInvitation"]):
    def usable(self) -> "SpaceInvitationQuerySet":
        return self.filter(used_at__isnull=True, revoked_at__isnull=True)


class SpaceInvitation(models.Model):
    """Single use, expiring: a link sent by email, or a code printed on a letter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(
        _("who will sign in"), max_length=20, choices=Relation.choices, default=Relation.SELF
    )
    representative_name = models.CharField(_("representative's name"), max_length=200, blank=True)
    representative_capacity = models.CharField(
        _("representative's capacity"), max_length=200, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpaceInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("space invitation")
        verbose_name_plural = _("space invitations")

    def __str__(self) -> str:
        return f"{self.person} ({self.created_at:%Y-%m-%d})"

    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "cancelled"
        return "expired" if self.is_expired() else "waiting"


class ConsentWish(models.Model):
    """The person asks for a change of their consent; the case manager answers it with
    them. Confirming records nothing by itself: the new consent goes through the consent
    pages."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consent_wishes")
    text = models.TextField(_("what you would like to change"))
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about whom"),
    )
    category = models.CharField(
        _("about what"), max_length=20, choices=Category.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    note = models.TextField(_("the case manager's note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "-created_at"]
        verbose_name = _("consent wish")
        verbose_name_plural = _("consent wishes")

    def __str__(self) -> str:
        return self.text[:80]
