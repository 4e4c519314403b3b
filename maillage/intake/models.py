"""Requests for support, who asks, and the answer given."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maillage.accounts.models import Team
from maillage.people.models import Person
from maillage.programmes import eligibility
from maillage.programmes.models import Programme

# A fact kept beside the vocabulary: the age a requester gave when the birth date is
# not known; the criteria read it only while the person has no birth date.
STATED_AGE = "stated_age"


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def open(self) -> "SupportRequestQuerySet":
        return self.filter(status=SupportRequest.Status.OPEN)

    def answered(self) -> "SupportRequestQuerySet":
        return self.filter(status=SupportRequest.Status.ANSWERED)

    def overdue(self, now: datetime | None = None) -> "SupportRequestQuerySet":
        return self.open().filter(answer_due__lt=now or timezone.now())

    def due_first(self) -> "SupportRequestQuerySet":
        """Most urgent first: the earliest deadline, then those without one, oldest first."""
        return self.order_by(models.F("answer_due").asc(nulls_last=True), "received_at")


class SupportRequest(models.Model):
    """A request for support (demande). Never `Request`: that is the HTTP request."""

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting an answer")
        ANSWERED = "answered", _("answered")

    class Channel(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("email")
        FORM = "form", _("request form")
        IN_PERSON = "in_person", _("in person")
        LETTER = "letter", _("letter")
        API = "api", _("another system (API)")
        PUBLIC_FORM = "public_form", _("public request form")
        SIGNAL = "signal", _("early-warning signal")
        COLLEAGUE = "colleague", _("a colleague")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("programme"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="requests", verbose_name=_("team")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="requests", verbose_name=_("person")
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    summary = models.TextField(_("situation"), blank=True)
    what_is_asked = models.TextField(_("what is asked"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    facts = models.JSONField(_("facts gathered at intake"), default=dict, blank=True)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    eligibility_outcome = models.CharField(
        _("eligibility"),
        max_length=20,
        blank=True,
        choices=list(eligibility.OUTCOME_LABELS.items()),
    )
    override_outcome = models.CharField(
        _("outcome decided by the worker"),
        max_length=20,
        blank=True,
        choices=list(eligibility.OUTCOME_LABELS.items()),
    )
    override_justification = models.TextField(_("justification"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    override_at = models.DateTimeField(null=True, blank=True)
    clarified_at = models.DateTimeField(_("clarification interview"), null=True, blank=True)
    # The decision's time, kept here so that the "Answered" tab sorts on an index of this
    # table (set by actions.answer with the decision).
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The worker of the team who prepares the answer (given by the team lead or intake).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True, editable=False)
    # When the team was told that the answer is due within 24 hours (alerts.py): once.
    deadline_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [
            models.Index(fields=["team", "status", "answer_due"], name="request_queue"),
            models.Index(fields=["team", "received_at"], name="request_team_received"),
            models.Index(fields=["status", "answer_due"], name="request_status_due"),
            models.Index(fields=["received_at"], name="request_received"),
            models.Index(fields=["team", "status", "answered_at"], name="request_team_answered"),
            models.Index(fields=["status", "answered_at"], name="request_status_answered"),
            # Only the open requests given to someone: a partial index whose statistics
            # tell the planner how few they are (most requests are never assigned).
            models.Index(
                fields=["assigned_to", "answer_due"],
                name="request_assigned",
                condition=models.Q(status="open", assigned_to__isnull=False),
            ),
            models.Index(
                fields=["status", "deadline_alerted_at", "answer_due"],
                name="request_deadline_alert",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} – {self.received_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, now: datetime | None = None) -> bool:
        return (
            self.is_open
            and self.answer_due is not None
            and self.answer_due < (now or timezone.now())
        )

    @property
    def outcome(self) -> str:
        """The outcome in force: the worker's override if any, else the evaluation."""
        return self.override_outcome or self.eligibility_outcome

    def all_facts(self) -> dict[str, Any]:
        """Facts for the criteria: intake facts plus those derived from person and requesters.

        Prefetch `requesters` to save a query.
        """
        age = self.person.age_on(timezone.localdate(self.received_at))
        if age is None:  # an age given without a birth date (the public form)
            age = self.facts.get(STATED_AGE)
        organisations = {
            r.organisation.strip().casefold()
            for r in self.requesters.all()
            if r.kind == Requester.Kind.PROFESSIONAL and r.organisation.strip()
        }
        count: int | None = len(organisations)
        if organisations and count < 2 and self.awaits_colleagues():
            count = None  # a colleague of another organisation may still join
        return {
            **{k: v for k, v in self.facts.items() if v is not None and k != STATED_AGE},
            "age": age,
            "residence": self.person.residence or None,
            "professional_organisations": count,
        }

    def awaits_colleagues(self) -> bool:
        """An open request sent through the public form: its professional requester may
        invite colleagues of other organisations to join it (maillage/public), so a
        single organisation is not final yet."""
        return self.is_open and self.channel == self.Channel.PUBLIC_FORM

    def evaluate(self) -> eligibility.Eligibility:
        return self.programme.evaluate(self.all_facts())


class Requester(models.Model):
    """Who asks: the person, a carer, or a professional (and from where)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("the person")
        CARER = "carer", _("carer")
        PROFESSIONAL = "professional", _("professional")

    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="requesters"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        ordering = ["support_request", "pk"]
        verbose_name = _("requester")
        verbose_name_plural = _("requesters")

    def __str__(self) -> str:
        return " – ".join(
            part for part in (self.get_kind_display(), self.name, self.organisation) if part
        )


class Decision(models.Model):
    """The answer to a request: accepted, refused with a reason, or oriented elsewhere."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("accepted")
        REFUSE = "refuse", _("refused")
        ORIENT = "orient", _("oriented elsewhere")

    support_request = models.OneToOneField(
        SupportRequest, on_delete=models.CASCADE, related_name="decision"
    )
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    orient_target = models.CharField(_("oriented to"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="accept") | ~models.Q(reason=""),
                name="decision_refuse_orient_need_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="orient") | ~models.Q(orient_target=""),
                name="decision_orient_needs_target",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ProgrammeFigures(models.Model):
    """The anonymous statistics of one programme, as of `refreshed_at`: counts only, no
    person. Kept by `maillage.intake.figures.refresh()` (a periodic job and
    `manage.py refresh_statistics`), so the statistics page reads a few rows instead of
    every request."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    total = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)  # open and due before refreshed_at
    accepted = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    oriented = models.PositiveIntegerField(default=0)
    late_answers = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answer_time = models.DurationField(default=timedelta)  # the sum over answered requests
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("programme figures")
        verbose_name_plural = _("programme figures")

    def __str__(self) -> str:
        return f"{self.programme_id} @ {self.refreshed_at:%Y-%m-%d %H:%M}"
