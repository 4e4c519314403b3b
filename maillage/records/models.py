"""The history of identity corrections, and the trace of erased cases."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.cases.models import Case
from maillage.people.models import Person


class Rectification(models.Model):
    """One corrected identity field: the value before, the value after, why and who.

    Rows are never changed; the person's record holds the value in force."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="rectifications", verbose_name=_("person")
    )
    field = models.CharField(_("field"), max_length=40)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("corrected by"),
    )
    at = models.DateTimeField(_("corrected on"), default=timezone.now)

    class Meta:
        ordering = ["person", "-at", "-pk"]
        verbose_name = _("identity correction")
        verbose_name_plural = _("identity corrections")
        indexes = [models.Index(fields=["person", "at"], name="rectification_person_at")]

    def __str__(self) -> str:
        return f"{self.field} – {self.at:%Y-%m-%d}"


class ErasedCase(models.Model):
    """A closed case whose content was erased after the retention period.

    Holds counts only, so that erasure is idempotent and its report can be re-read."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="erasure", verbose_name=_("case")
    )
    erased_at = models.DateTimeField(_("erased on"), default=timezone.now)
    retention_days = models.PositiveIntegerField(_("retention period (days)"))
    person_anonymised = models.BooleanField(_("person anonymised"), default=False)
    rows = models.JSONField(_("rows erased per record type"), default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erased case")
        verbose_name_plural = _("erased cases")

    def __str__(self) -> str:
        return f"{self.case_id} – {self.erased_at:%Y-%m-%d}"
