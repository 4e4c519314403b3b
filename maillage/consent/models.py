"""Consent: dated records, never overwritten, with their scope of sharing (`Share`)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.cases.models import Case
from maillage.categories import Category
from maillage.network.models import Actor


class ConsentQuerySet(models.QuerySet["Consent"]):
    def latest_first(self) -> "ConsentQuerySet":
        return self.order_by("-recorded_at", "-pk")


class Consent(models.Model):
    """One consent record. The one in force is the latest; earlier ones are history."""

    class Status(models.TextChoices):
        GIVEN = "given", _("given")
        REFUSED = "refused", pgettext_lazy("consent status", "refused")
        NO_DEMAND = "no_demand", _("no expressed demand")
        WITHDRAWN = "withdrawn", _("withdrawn")
        GIVEN_BY_REPRESENTATIVE = "given_by_representative", _("given by a legal representative")
        CHILD_INTEREST = "child_interest", _("the interest of the child prevails")

    class Method(models.TextChoices):
        ORAL = "oral", _("orally, in person")
        WRITTEN = "written", _("in writing, signed")
        PHONE = "phone", _("by phone")
        REPRESENTATIVE = "representative", _("through the legal representative")
        OTHER = "other", _("other")

    # Statuses that allow sharing with the actors of the scope.
    SHARING = frozenset({Status.GIVEN, Status.GIVEN_BY_REPRESENTATIVE, Status.CHILD_INTEREST})
    # Statuses that need who decided and why.
    DECIDED_BY_OTHERS = frozenset({Status.GIVEN_BY_REPRESENTATIVE, Status.CHILD_INTEREST})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    method = models.CharField(
        _("how it was obtained"), max_length=20, choices=Method.choices, blank=True
    )
    decided_by = models.CharField(
        _("who decided"),
        max_length=200,
        blank=True,
        help_text=_("The legal representative, or who judged the interest of the child."),
    )
    justification = models.TextField(_("why"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-recorded_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["case", "recorded_at"], name="consent_case_recorded")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} – {self.recorded_at:%Y-%m-%d}"

    @property
    def allows_sharing(self) -> bool:
        return self.status in self.SHARING


class Share(models.Model):
    """Part of a consent's scope: which categories this actor may receive."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="shares")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="shares")
    categories = models.JSONField(_("categories"), default=list)

    class Meta:
        ordering = ["consent", "actor"]
        constraints = [
            models.UniqueConstraint(fields=["consent", "actor"], name="share_unique_actor")
        ]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self) -> str:
        return f"{self.actor}: {', '.join(self.categories)}"

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels.get(code, code)) for code in self.categories]
