"""Programmes (dispositifs) and their entry criteria, which are data."""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import Team

from . import eligibility


def _in_language(obj: Any, field: str) -> str:
    language = (get_language() or "fr")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fr")


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def active(self) -> "ProgrammeQuerySet":
        return self.filter(active=True, is_template=False)


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("team"),
        help_text=_("The team that answers this programme's requests."),
    )
    answer_deadline_hours = models.PositiveIntegerField(
        _("answer deadline (hours)"),
        null=True,
        blank=True,
        help_text=_("Empty when the programme has no fixed deadline."),
    )
    planned_duration_days = models.PositiveIntegerField(
        _("planned case duration (days)"), null=True, blank=True
    )
    review_interval_days = models.PositiveIntegerField(_("review interval (days)"), default=90)
    life_domains = models.JSONField(
        _("life domains assessed"),
        default=list,
        blank=True,
        help_text=_("Codes of the life domains this programme assesses; empty means all."),
    )
    is_template = models.BooleanField(
        _("template"),
        default=False,
        help_text=_("Templates are copied into new programmes; they take no requests."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def description(self) -> str:
        return _in_language(self, "description")

    def assessed_domains(self) -> list[str]:
        """The life domains this programme assesses, in the canonical order."""
        from maillage.categories import LifeDomain

        chosen = set(self.life_domains or [])
        return [d.value for d in LifeDomain if not chosen or d.value in chosen]

    def answer_due(self, received_at: datetime) -> datetime | None:
        """When the answer is due: the deadline's hours as elapsed time, so that 48 hours
        stay 48 across a change to or from summer time (aware datetimes add wall-clock
        time in their own zone)."""
        if self.answer_deadline_hours is None:
            return None
        elapsed = received_at.astimezone(UTC) + timedelta(hours=self.answer_deadline_hours)
        return elapsed.astimezone(received_at.tzinfo)

    def criteria_rules(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(code, label, rule) of the active criteria; prefetch `criteria` to save a query."""
        return [(c.code, c.label, c.rule) for c in self.criteria.all() if c.active]

    def evaluate(self, facts: dict[str, Any]) -> eligibility.Eligibility:
        return eligibility.evaluate(self.criteria_rules(), facts)


class Criterion(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(_("code"), max_length=50)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    rule = models.JSONField(
        _("rule"),
        help_text=_(
            'For example {"fact": "age", "op": "gte", "value": 18} or '
            '{"any": [{"fact": "residence", "op": "in_brussels"}, '
            '{"fact": "network_in_brussels", "op": "is", "value": true}]}.'
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="criterion_unique_code")
        ]
        verbose_name = _("entry criterion")
        verbose_name_plural = _("entry criteria")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self, "label")

    def clean(self) -> None:
        try:
            eligibility.validate_rule(self.rule)
        except ValidationError as error:
            raise ValidationError({"rule": error.messages}) from error
