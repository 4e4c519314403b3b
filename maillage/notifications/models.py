"""A notice in a user's inbox: what happened (its kind) and where to look (a link).

No text is stored: the title is built from the kind when it is shown, in the reader's
language; no name either, only the ids of the case or request the link leads to. The
target page applies the access policy, so a notice never reveals more than its link.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACTION_UPDATED_BY_PARTNER = "action_updated_by_partner", _("a partner updated an action")
    REFERRAL_ANSWERED = "referral_answered", _("a service answered a referral")
    INVITATION_ANSWERED = "invitation_answered", _("an invitee answered a conference invitation")
    CONSENT_WISH = "consent_wish", _("a person asked to change their consent")
    REQUEST_ASSIGNED = "request_assigned", _("a request was given to you")
    MINUTES_SENT = "minutes_sent", _("minutes were sent to you")
    DEADLINE_NEAR = "deadline_near", _("a request awaits an answer within 24 hours")


# The sentence shown in the inbox, the header and the API, per kind.
TITLES = {
    Kind.ACTION_UPDATED_BY_PARTNER: _("A partner updated an action of a case you hold."),
    Kind.REFERRAL_ANSWERED: _("A service answered a referral."),
    Kind.INVITATION_ANSWERED: _("An invitee answered an invitation to a network conference."),
    Kind.CONSENT_WISH: _("A person asked to change their consent."),
    Kind.REQUEST_ASSIGNED: _("A request was given to you to prepare its answer."),
    Kind.MINUTES_SENT: _("The minutes of a network conference were sent to you."),
    Kind.DEADLINE_NEAR: _("A request awaits an answer within 24 hours."),
}


class NotificationQuerySet(models.QuerySet["Notification"]):
    def of(self, user: object) -> "NotificationQuerySet":
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def inbox_order(self) -> "NotificationQuerySet":
        """Unread first, then newest first (the index's order)."""
        return self.order_by(models.F("read_at").asc(nulls_first=True), "-created_at", "-pk")


class Notification(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    # Ids only (no foreign key): the notice outlives nothing it could reveal.
    case_id = models.UUIDField(_("case"), null=True, blank=True)
    request_id = models.UUIDField(_("request"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def title(self) -> str:
        """The sentence for this kind, in the active language."""
        return str(TITLES[Kind(self.kind)])

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
