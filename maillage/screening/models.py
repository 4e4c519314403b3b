"""Early-warning signals: what a first-line professional saw, without anyone's identity.

A signal holds answer codes only (`questions.py`), never free text, a name or a date of
birth. `SignalAnswer` repeats each answer as a row, so that the analysts' figures are
counted by the database (`figures.py`) instead of by reading every signal.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.intake.models import SupportRequest

from .questions import BY_CODE, QUESTIONS


def _choices(code: str) -> list[tuple[str, str]]:
    return [(value, label) for value, label in BY_CODE[code].choices]  # type: ignore[misc]


def _every_answer() -> list[tuple[str, str]]:
    """Every answer code with its words (the first question's, where codes repeat), so
    that the person's export says an answer in words."""
    found: dict[str, str] = {}
    for question in QUESTIONS:
        for value, label in question.choices:
            found.setdefault(value, label)  # type: ignore[arg-type]
    return list(found.items())


class ComplexitySignal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField(_("answers"), default=dict)
    age_band = models.CharField(_("age band"), max_length=20, choices=_choices("age_band"))
    gender = models.CharField(_("gender"), max_length=20, blank=True, choices=_choices("gender"))
    language = models.CharField(
        _("language"), max_length=20, blank=True, choices=_choices("language")
    )
    reporter = models.CharField(_("reported by"), max_length=20, choices=_choices("reporter"))
    # Recorded without any identity, for the statistics only: never made into a request.
    anonymous = models.BooleanField(_("without any identity"), default=True)
    # The digest of the secret the request form receives (`?signal=`), for a signal
    # that the person agreed to make into a request; empty for an anonymous one.
    token_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    support_request = models.ForeignKey(
        SupportRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complexity_signals",
        verbose_name=_("request"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("early-warning signal")
        verbose_name_plural = _("early-warning signals")
        constraints = [
            models.UniqueConstraint(
                fields=["token_digest"],
                condition=~models.Q(token_digest=""),
                name="signal_unique_token",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(token_digest=""),
                name="signal_anonymous_without_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} ({self.created_at:%Y-%m-%d})"


class SignalAnswer(models.Model):
    """One answer of a signal (one row per box ticked in a multiple choice)."""

    signal = models.ForeignKey(ComplexitySignal, on_delete=models.CASCADE, related_name="rows")
    question = models.CharField(
        _("question"), max_length=30, choices=[(q.code, q.label) for q in QUESTIONS]
    )
    answer = models.CharField(_("answer"), max_length=30, choices=_every_answer())

    class Meta:
        ordering = ["signal", "pk"]
        indexes = [models.Index(fields=["question", "answer"], name="signal_answer_count")]

    def __str__(self) -> str:
        return f"{self.get_question_display()} {self.get_answer_display()}"
