"""What the job queue carries that must outlive a request: outgoing emails."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutgoingEmail(models.Model):
    """One email, recorded with the change that causes it and sent by a job (`maillage.mail`).

    Its content is cleared once it is sent: the row then only says what was sent to whom,
    when. A message that cannot be sent after every attempt stays `failed`, with the last
    error, for an administrator to see and try again."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", pgettext_lazy("email status", "sent")
        FAILED = "failed", pgettext_lazy("email status", "not sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    about = models.CharField(_("what it is"), max_length=100)
    to = models.JSONField(_("to"), default=list)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML version"), blank=True)
    # [{"filename", "content" (base64), "mimetype"}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(pgettext_lazy("email: date", "sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due")]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self) -> str:
        return f"{self.about} → {', '.join(self.to)}"
