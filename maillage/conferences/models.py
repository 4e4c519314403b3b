"""Case conferences (concertation clinique): invitations, attendance, agenda, decisions
that become actions, minutes per reader, and the funding schemes they may fall under."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.cases.models import Case
from maillage.categories import Category
from maillage.links import validate_link
from maillage.network.models import Actor
from maillage.plans.models import Action


class FundingScheme(models.Model):
    """A funder's conditions for a conference, as data an administrator edits.

    `rules` is a list of {"code", "label_fr", "label_nl", "label_en", "rule": {...}}; the
    rule vocabulary is documented in conferences/funding.py.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    rules = models.JSONField(_("conditions"), default=list)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")

    def __str__(self) -> str:
        return self.code


class Conference(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conferences")
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=90)
    place = models.CharField(_("place"), max_length=300, blank=True)
    # Not a URLField: its validator accepts ftp and its form field no other scheme check.
    video_link = models.CharField(
        _("video link"), max_length=200, blank=True, validators=[validate_link]
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    funding_scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("funding scheme"),
    )
    # The person's choice of a reference person, recorded at the first conference.
    reference_person = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reference person chosen by the person"),
    )
    next_conference = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next conference"),
    )
    # iCalendar: one UID for the meeting's life, SEQUENCE raised at each update.
    ical_uid = models.CharField(max_length=200, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        indexes = [models.Index(fields=["case", "starts_at"], name="conference_case_start")]

    def __str__(self) -> str:
        return f"{self.case} – {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.ical_uid:
            self.ical_uid = f"{uuid.uuid4()}@maillage"
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Invitation(models.Model):
    """An invitation to one participant: a network actor (the person and carers too)."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        YES = "yes", _("will come")
        NO = "no", _("will not come")
        MAYBE = "maybe", _("maybe")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not recorded")
        PRESENT = "present", pgettext_lazy("attendance", "present")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", pgettext_lazy("attendance", "absent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    # Secret of the answer link (no account needed); only its holder may answer.
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    represents = models.CharField(_("represents (organisation)"), max_length=200, blank=True)
    duration_minutes = models.PositiveIntegerField(_("time spent (minutes)"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["conference", "actor__kind", "actor__name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "actor"], name="invitation_unique_actor")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.actor)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AgendaItem(models.Model):
    """A point of the agenda, possibly about a goal, an action or an earlier decision;
    its notes are minuted under the item's information category."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=300)
    goal = models.ForeignKey(
        "plans.Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("what was said"), blank=True)
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=Category.choices,
        default=Category.PLAN,
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["conference", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class ConferenceDecision(models.Model):
    """A decision of the conference: who does what, when, with whom — it creates or
    changes an action of the plan, and is evaluated at the next conference."""

    class Evaluation(models.TextChoices):
        PENDING = "", _("not evaluated yet")
        DONE = "done", _("done")
        PARTLY = "partly", _("partly done")
        NOT_DONE = "not_done", _("not done")
        DROPPED = "dropped", _("dropped")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    what = models.TextField(_("what"))
    owner = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    due_on = models.DateField(_("when"), null=True, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=300, blank=True)
    how = models.TextField(_("how"), blank=True)
    category = models.CharField(
        _("information category"),
        max_length=20,
        choices=Category.choices,
        default=Category.PLAN,
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("action of the plan"),
    )
    evaluation = models.CharField(
        _("evaluation"), max_length=10, choices=Evaluation.choices, blank=True
    )
    evaluation_comment = models.TextField(_("comment on the evaluation"), blank=True)
    evaluated_at = models.ForeignKey(
        Conference,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluated at"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conference", "created_at"]
        verbose_name = _("conference decision")
        verbose_name_plural = _("conference decisions")

    def __str__(self) -> str:
        return self.what[:80]


class MinutesDelivery(models.Model):
    """Who received which version of the minutes (filtered by the consent in force)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="deliveries")
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="deliveries")
    language = models.CharField(max_length=5)
    categories = models.JSONField(default=list)  # the categories included for this reader
    digest = models.CharField(max_length=64)  # SHA-256 of the HTML version sent
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["conference", "-sent_at"]
        verbose_name = _("minutes delivery")
        verbose_name_plural = _("minutes deliveries")

    def __str__(self) -> str:
        return f"{self.invitation} – {self.sent_at:%Y-%m-%d}"


class CalendarFeed(models.Model):
    """A secret address for a user's iCalendar feed of upcoming conferences."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
