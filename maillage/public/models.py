"""Requests from outside: what a requester without an account sent, and the colleagues
they invite to join their request."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.guard.gate import REASONS
from maillage.intake.models import Requester, SupportRequest
from maillage.programmes.models import Programme


class PublicSubmissionQuerySet(models.QuerySet["PublicSubmission"]):
    def set_aside(self) -> "PublicSubmissionQuerySet":
        """Flagged as spam by the guard, waiting for intake to release or purge them."""
        return self.filter(spam=True, support_request__isnull=True)


class PublicSubmission(models.Model):
    """One sending of the public request form (page or API).

    `data` is the snapshot of what the requester typed: the status page shows it and
    nothing else of the request. A submission set aside as spam has no request yet;
    releasing it creates the request as received at `submitted_at`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    support_request = models.OneToOneField(
        SupportRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_submission",
        verbose_name=_("request"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    # What the requester chose: a programme's code, or "" for "I don't know".
    chosen_programme = models.CharField(
        _("programme chosen by the requester"), max_length=50, blank=True
    )
    data = models.JSONField(_("what the requester wrote"), default=dict)
    requester = models.ForeignKey(
        Requester, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("email of the requester"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="fr")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A second link to the same status page, carried by the email that tells the answer
    # (only digests are kept, so the first link cannot be sent again).
    answer_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    spam = models.BooleanField(_("set aside as spam"), default=False)
    spam_reasons = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    released_at = models.DateTimeField(_("released into the queue"), null=True, blank=True)
    answer_sent_at = models.DateTimeField(_("answer emailed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicSubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("public submission")
        verbose_name_plural = _("public submissions")
        indexes = [models.Index(fields=["spam", "submitted_at"], name="public_set_aside")]

    def __str__(self) -> str:
        return f"{self.programme_id} – {self.submitted_at:%Y-%m-%d %H:%M}"

    @property
    def is_professional(self) -> bool:
        return self.data.get("requester", {}).get("kind") == Requester.Kind.PROFESSIONAL

    @property
    def spam_reason_labels(self) -> list[str]:
        """Why it was set aside, in the reader's language."""
        return [str(REASONS.get(code, code)) for code in self.spam_reasons]

    @property
    def said(self) -> list[tuple[str, str]]:
        """What the requester wrote, in words in the active language."""
        from .snapshot import said

        return said(self.data)


class CoRequesterInvitation(models.Model):
    """A single-use link by which a professional requester invites a colleague of
    another organisation to join the request (Bru-Stars asks for two)."""

    id = models.BigAutoField(primary_key=True)
    submission = models.ForeignKey(
        PublicSubmission, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(_("email of the colleague"), blank=True)
    # The colleague's answer, kept here until the request exists (a submission set aside).
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(_("joined on"), null=True, blank=True)
    requester = models.ForeignKey(
        Requester, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation of a colleague")
        verbose_name_plural = _("invitations of colleagues")

    def __str__(self) -> str:
        return f"{self.submission_id} ({self.created_at:%Y-%m-%d})"
