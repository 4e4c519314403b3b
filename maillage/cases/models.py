"""Cases (accompagnements) and the workers who hold them."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import Team
from maillage.categories import Category
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.programmes.models import Programme


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> "CaseQuerySet":
        return self.exclude(phase=Case.Phase.CLOSED)

    def due_for_review(self, day: date | None = None) -> "CaseQuerySet":
        return self.open().filter(next_review__lte=day or timezone.localdate())

    def held_by(self, user: settings.AUTH_USER_MODEL) -> "CaseQuerySet":
        return self.filter(workers__user=user, workers__ended_at__isnull=True)

    def latest_assigned_to(self, user: settings.AUTH_USER_MODEL) -> "CaseQuerySet":
        """Cases the user holds, the most recently assigned first (an index walk)."""
        return self.held_by(user).order_by("-workers__started_at")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("goals reached")
    HANDED_OVER = "handed_over", _("handed over to the network")
    PERSON_CHOICE = "person_choice", _("the person's choice")
    MOVED_AWAY = "moved_away", _("moved away")
    DECEASED = "deceased", _("deceased")
    OTHER = "other", _("other")


class Case(models.Model):
    class Phase(models.TextChoices):
        EXPLORATION = "exploration", _("exploration")
        ACTIVE = "active", _("active follow-up")
        CLOSING = "closing", _("withdrawal")
        CLOSED = "closed", _("closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cases", verbose_name=_("programme")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    support_request = models.OneToOneField(
        SupportRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name=_("request"),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.EXPLORATION
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("closing note"), blank=True)
    # The closing checklist, as agreed when the case was closed.
    actors_know_mission = models.BooleanField(_("each actor knows their mission"), default=False)
    person_agrees = models.BooleanField(_("the person agrees to the closing"), default=False)
    network_holds = models.BooleanField(_("the network holds"), default=False)
    follow_up_on = models.DateField(_("check that it held on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("checked"), null=True, blank=True)
    follow_up_held = models.BooleanField(_("the network held"), null=True, blank=True)
    follow_up_note = models.TextField(_("what the check found"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["team", "phase", "opened_at"], name="case_team_phase"),
            models.Index(fields=["opened_at"], name="case_opened"),
            models.Index(fields=["team", "opened_at"], name="case_team_opened"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} – {self.person}"


class CaseWorker(models.Model):
    """A worker holding a case: one or more, often a pair (binôme)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="workers")
    # The case's team, kept here so that "cases I hold outside my teams" reads one index.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_work",
        verbose_name=_("worker"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["case", "started_at", "pk"]
        verbose_name = _("case worker")
        verbose_name_plural = _("case workers")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="caseworker_unique_active",
            )
        ]
        indexes = [
            models.Index(fields=["user", "ended_at", "started_at"], name="caseworker_user_started"),
            models.Index(fields=["user", "ended_at", "team"], name="caseworker_user_team"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def save(self, *args: object, **kwargs: object) -> None:
        if self.team_id is None and self.case_id is not None:
            self.team_id = self.case.team_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class JournalEntryQuerySet(models.QuerySet["JournalEntry"]):
    def search(self, text: str) -> "JournalEntryQuerySet":
        """Entries whose text or participants contain every word (case-insensitive)."""
        entries = self
        for word in text.split()[:8]:
            entries = entries.filter(
                models.Q(text__icontains=word) | models.Q(participants__icontains=word)
            )
        return entries


class JournalEntry(models.Model):
    """A contact, an accompaniment or a note in the case's journal (logboek)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting with the person")
        HOME_VISIT = "home_visit", _("home visit")
        PHONE_CALL = "phone_call", _("phone call")
        ACCOMPANIMENT = "accompaniment", _("accompaniment to an institution")
        TEAM_DISCUSSION = "team_discussion", _("team discussion")
        COMPULSORY_ADMISSION = "compulsory_admission", _("compulsory admission")
        NOTE = "note", _("note")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="journal")
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    participants = models.CharField(_("participants"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=Category.choices,
        default=Category.JOURNAL,
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-occurred_at"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        indexes = [models.Index(fields=["case", "occurred_at"], name="journal_case_when")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.occurred_at:%Y-%m-%d}"
