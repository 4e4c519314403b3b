"""Invitations of partner professionals: single-use, expiring links sent by email."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage import tokens
from maillage.network.models import Actor


def invitation_lifetime() -> timedelta:
    return timedelta(days=settings.MAILLAGE_PARTNER_INVITATION_DAYS)


class PartnerInvitationQuerySet(models.QuerySet["PartnerInvitation"]):
    def find(self, raw: str) -> "PartnerInvitation | None":
        """The invitation of this raw token (only its SHA-256 digest is stored)."""
        return (
            self.filter(digest=tokens.digest(raw))
            .select_related("actor", "actor__case", "actor__case__team")
            .first()
        )


class PartnerInvitation(models.Model):
    """An invitation for a formal actor of a network to activate a partner account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("invited")
        ACTIVE = "active", pgettext_lazy("partner invitation status", "active")
        EXPIRED = "expired", _("expired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="partner_invitations")
    email = models.EmailField(_("email"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = PartnerInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["actor", "-created_at"]
        verbose_name = _("partner invitation")
        verbose_name_plural = _("partner invitations")
        indexes = [models.Index(fields=["actor", "created_at"], name="partnerinv_actor_created")]

    def __str__(self) -> str:
        return f"{self.email} – {self.created_at:%Y-%m-%d}"

    @property
    def status(self) -> str:
        if self.used_at is not None:
            return self.Status.ACTIVE
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
