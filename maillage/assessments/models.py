"""Assessments by life domain: needs, difficulties, resources, readiness, risks."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import Case
from maillage.categories import LifeDomain


class Assessment(models.Model):
    """A dated assessment; a re-assessment is a new one, so history is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    summary = models.TextField(_("summary"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "-assessed_on", "-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.assessed_on:%Y-%m-%d}"


class DomainAssessment(models.Model):
    class Severity(models.IntegerChoices):
        NONE = 0, _("no difficulty")
        LOW = 1, _("low")
        MODERATE = 2, _("moderate")
        HIGH = 3, _("high")
        CRITICAL = 4, _("critical")

    class Priority(models.IntegerChoices):
        NOT_NOW = 0, _("not a priority for the person")
        LOW = 1, _("low priority for the person")
        MEDIUM = 2, _("medium priority for the person")
        HIGH = 3, _("high priority for the person")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("life domain"), max_length=20, choices=LifeDomain.choices)
    needs = models.TextField(_("needs"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    resources_person = models.TextField(_("the person's resources"), blank=True)
    resources_entourage = models.TextField(_("the entourage's resources"), blank=True)
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, null=True, blank=True
    )
    person_priority = models.PositiveSmallIntegerField(
        _("the person's own priority"), choices=Priority.choices, null=True, blank=True
    )
    readiness = models.TextField(
        _("readiness"), blank=True, help_text=_("What the person feels ready to commit to.")
    )
    risks = models.TextField(_("risks if nothing is done"), blank=True)

    class Meta:
        ordering = ["assessment", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="domainassessment_unique_domain"
            )
        ]
        verbose_name = _("domain assessment")
        verbose_name_plural = _("domain assessments")

    def __str__(self) -> str:
        return self.get_domain_display()

    @property
    def category(self) -> str:
        """Each life domain is also the information category of what is said about it."""
        return self.domain
