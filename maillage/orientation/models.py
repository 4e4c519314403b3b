"""Orientation to a service of the directory (referral) and unmet needs.

A `Referral` is one orientation of a person to a directory service, from a request (an
"orient" answer) or from a case (for a need of a life domain); the receiving service
answers through a single-use link. An `UnmetNeed` records that no adequate service was
found, or that the one found was full, refused, or out of reach: data for the
observatory (MISSION.md: "having checked that no adequate service exists is itself a step
forward").
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.cases.models import Case
from maillage.categories import LifeDomain
from maillage.directory.models import Service
from maillage.intake.models import SupportRequest
from maillage.people.models import Person


class Referral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", pgettext_lazy("referral status", "received")
        ACCEPTED = "accepted", _("accepted")
        WAITING_LIST = "waiting_list", _("waiting list")
        REFUSED = "refused", _("refused")
        NO_RESPONSE = "no_response", _("no response")
        COMPLETED = "completed", _("completed")

    class Channel(models.TextChoices):
        EMAIL = "email", _("by email, with a link to answer")
        PHONE = "phone", _("by phone")
        IN_PERSON = "in_person", _("in person")
        LETTER = "letter", _("by letter")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("person")
    )
    support_request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="referrals",
        null=True,
        blank=True,
        verbose_name=_("request"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="referrals",
        null=True,
        blank=True,
        verbose_name=_("case"),
    )
    # The service may later leave the directory: its name and address are kept as sent.
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        related_name="referrals",
        null=True,
        blank=True,
        verbose_name=_("service"),
    )
    service_name = models.CharField(_("service"), max_length=500)
    # By email the service answers through its link; by phone, in person or by letter
    # there is no email and no link: the worker records the service's answer.
    channel = models.CharField(
        _("how the referral was made"),
        max_length=10,
        choices=Channel.choices,
        default=Channel.EMAIL,
    )
    sent_to = models.EmailField(_("sent to"), blank=True)
    life_domain = models.CharField(
        _("life domain"), max_length=30, choices=LifeDomain.choices, blank=True
    )
    need = models.TextField(_("need"))
    reason = models.TextField(_("reason for the orientation"), blank=True)
    # Information categories sent with the referral, within the consent in force.
    shared_categories = models.JSONField(_("shared information"), default=list, blank=True)
    # What the service reads behind its link, composed once from those categories only:
    # [{"category", "label", "items": [{"label", "value"}]}], in the service's language.
    shared_content = models.JSONField(_("shared content"), default=list, blank=True)
    # The worker confirmed that the person agreed to this orientation.
    person_agreed = models.BooleanField(_("the person agreed"), default=False)
    # Language of the emails to the service (its directory languages; French by default).
    language = models.CharField(_("language"), max_length=5, default="fr")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT, db_index=True
    )
    status_reason = models.TextField(_("reason given by the service"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        # The reminders look for referrals awaiting an answer since a given date.
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="referral_status_changed")
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.get_status_display()})"


class UnmetNeed(models.Model):
    class Reason(models.TextChoices):
        NO_SERVICE = "no_service", _("no adequate service exists")
        FULL = "full", _("the service is full")
        REFUSED = "refused", _("the service refused")
        LANGUAGE = "language", _("out of reach: language")
        COST = "cost", _("out of reach: cost")
        DISTANCE = "distance", _("out of reach: distance")
        ELIGIBILITY = "eligibility", _("out of reach: eligibility")

    class AgeBand(models.TextChoices):
        CHILD = "0-11", _("0–11 years")
        TEEN = "12-17", _("12–17 years")
        YOUNG_ADULT = "18-24", _("18–24 years")
        ADULT = "25-64", _("25–64 years")
        SENIOR = "65+", _("65 years and over")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    life_domain = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices)
    # NIS code of the commune (maillage.territory), "outside", or empty when unknown.
    commune = models.CharField(_("commune"), max_length=10, blank=True, db_index=True)
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices, blank=True)
    public = models.CharField(_("public"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("what was needed"), blank=True)
    search_query = models.CharField(_("search"), max_length=500, blank=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        related_name="unmet_needs",
        null=True,
        blank=True,
        verbose_name=_("service"),
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        related_name="unmet_needs",
        null=True,
        blank=True,
        verbose_name=_("referral"),
    )
    support_request = models.ForeignKey(
        SupportRequest,
        on_delete=models.SET_NULL,
        related_name="unmet_needs",
        null=True,
        blank=True,
        verbose_name=_("request"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        related_name="unmet_needs",
        null=True,
        blank=True,
        verbose_name=_("case"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["life_domain", "commune"], name="unmet_domain_commune")]

    def __str__(self) -> str:
        return f"{self.get_life_domain_display()} — {self.get_reason_display()}"


class ReferralLink(models.Model):
    """A secret answer link sent to the receiving service: single-use and expiring.

    Only a hash of the token is stored; the token itself travels once, in the email.
    Each email (the referral, a reminder, the acknowledgement of a non-final answer)
    carries a fresh link; a status update spends every unused link of the referral.
    """

    id = models.BigAutoField(primary_key=True)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    purpose = models.CharField(max_length=20, blank=True)  # referral, reminder, acknowledgement
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.referral_id} ({self.purpose})"


class ReferralStatusChange(models.Model):
    """One status of a referral and when it was set: the dates of the closed loop."""

    class Via(models.TextChoices):
        WORKER = "worker", _("the worker")
        LINK = "link", _("the service, through its link")
        REMINDER = "reminder", _("automatically, after the reminders")

    id = models.BigAutoField(primary_key=True)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(_("status"), max_length=20, choices=Referral.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    via = models.CharField(_("by"), max_length=10, choices=Via.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("date"))

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status} {self.at:%Y-%m-%d}"


class CoverageCell(models.Model):
    """One cell of the coverage of the territory (life domain × commune), as of
    `refreshed_at`: counts only. Kept by `coverage.refresh()` (a periodic job and
    `manage.py refresh_coverage`); recording an unmet need adds one at once."""

    life_domain = models.CharField(max_length=30, choices=LifeDomain.choices)
    commune = models.CharField(max_length=10)  # NIS code
    services = models.PositiveIntegerField(default=0)
    unmet_needs = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["life_domain", "commune"], name="coverage_cell")
        ]
        verbose_name = _("coverage cell")
        verbose_name_plural = _("coverage cells")

    def __str__(self) -> str:
        return f"{self.life_domain} × {self.commune}"
