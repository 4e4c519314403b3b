"""What the guard remembers: accepted submissions (for the limits) and spent solutions."""

from django.db import models
from django.utils import timezone


class Attempt(models.Model):
    """A public submission that passed the guard, counted for the limits for an hour.

    The client address is kept only as a keyed digest (`tokens.keyed_digest`): enough to
    count an address's submissions, not to read it back.
    """

    address = models.CharField(max_length=64)
    kind = models.CharField(max_length=30)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["address", "at"], name="guard_attempt_address"),
            models.Index(fields=["at"], name="guard_attempt_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%Y-%m-%d %H:%M}"


class SpentChallenge(models.Model):
    """A solved ALTCHA challenge, by its signature: a solution is accepted once."""

    signature = models.CharField(max_length=128, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.signature[:12]
