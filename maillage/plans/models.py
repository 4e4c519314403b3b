"""The person's goals, the action plan ("who does what, when, how, with whom") and the
crisis plan."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.cases.models import Case
from maillage.categories import Category
from maillage.network.models import Actor


class Goal(models.Model):
    class Priority(models.IntegerChoices):
        HIGH = 1, _("high")
        MEDIUM = 2, _("medium")
        LOW = 3, _("low")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("goal status", "open")
        IN_PROGRESS = "in_progress", _("in progress")
        REACHED = "reached", _("reached")
        DROPPED = "dropped", pgettext_lazy("goal status", "dropped")

    OPEN_STATUSES = frozenset({Status.OPEN, Status.IN_PROGRESS})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    own_words = models.TextField(_("the goal in the person's own words"))
    reformulation = models.TextField(_("professional reformulation"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    life_domains = models.JSONField(_("life domains"), default=list, blank=True)
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=Category.choices,
        default=Category.PLAN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "priority", "created_at"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.own_words[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ActionQuerySet(models.QuerySet["Action"]):
    def pending(self) -> "ActionQuerySet":
        return self.filter(status__in=Action.PENDING)

    def overdue(self, day: date | None = None) -> "ActionQuerySet":
        return self.pending().filter(due_on__lt=day or timezone.localdate())


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    PENDING = frozenset({Status.PLANNED, Status.IN_PROGRESS})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("goal it serves"),
    )
    what = models.TextField(_("what"))
    owner = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="owned_actions", verbose_name=_("who")
    )
    with_actors = models.ManyToManyField(
        Actor, blank=True, related_name="joined_actions", verbose_name=_("with whom")
    )
    with_whom = models.CharField(_("with whom (others)"), max_length=300, blank=True)
    how = models.TextField(_("how"), blank=True)
    due_on = models.DateField(_("when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=Category.choices,
        default=Category.PLAN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["case", models.F("due_on").asc(nulls_last=True), "created_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["case", "status", "due_on"], name="action_case_due")]

    def __str__(self) -> str:
        return self.what[:80]

    def is_overdue(self, day: date | None = None) -> bool:
        return (
            self.status in self.PENDING
            and self.due_on is not None
            and self.due_on < (day or timezone.localdate())
        )


class CrisisPlan(models.Model):
    """One version of the crisis plan; a change makes a new version, never an overwrite."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="crisis_plans")
    version = models.PositiveIntegerField(_("version"), default=1)
    warning_signs = models.TextField(_("warning signs"), blank=True)
    triggers = models.TextField(_("known triggers"), blank=True)
    what_helps = models.TextField(_("what helps"), blank=True)
    what_to_avoid = models.TextField(_("what to avoid"), blank=True)
    preference_treatment = models.TextField(_("treatment"), blank=True)
    preference_hospital = models.TextField(_("hospital"), blank=True)
    preference_children = models.TextField(_("children"), blank=True)
    preference_pets = models.TextField(_("pets"), blank=True)
    preference_home = models.TextField(_("home"), blank=True)
    preference_money = models.TextField(_("money"), blank=True)
    agreed_on = models.DateField(_("agreed with the person on"), null=True, blank=True)
    present_at_agreement = models.CharField(_("who was present"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="crisisplan_unique_version")
        ]
        verbose_name = _("crisis plan")
        verbose_name_plural = _("crisis plans")

    def __str__(self) -> str:
        return f"v{self.version}"


class CrisisContact(models.Model):
    """Whom to call, in order: a network actor or an emergency number."""

    crisis_plan = models.ForeignKey(CrisisPlan, on_delete=models.CASCADE, related_name="contacts")
    position = models.PositiveSmallIntegerField(_("order"))
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network actor"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    when = models.CharField(_("when to call"), max_length=300, blank=True)

    class Meta:
        ordering = ["crisis_plan", "position"]
        verbose_name = _("crisis contact")
        verbose_name_plural = _("crisis contacts")

    def __str__(self) -> str:
        return self.name or str(self.actor)
