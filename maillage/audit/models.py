"""The audit trail: append-only, sealed into a chain of keyed hashes (see docs/audit.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One read or write of person-level data, or one security event.

    No foreign keys on purpose: events outlive what they describe (erasure, merges),
    and deleting a user or a person must never touch the trail.
    """

    # The order of recording, drawn when the event is appended. Gaps can appear (a
    # transaction rolled back on PostgreSQL); the sealer records them in `prev_seq`.
    seq = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    at = models.DateTimeField(_("when"), db_index=True, editable=False)
    actor_id = models.BigIntegerField(_("actor"), null=True, editable=False)
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True, editable=False)
    actor_role = models.CharField(_("actor role"), max_length=100, blank=True, editable=False)
    verb = models.CharField(_("action"), max_length=60, editable=False)
    person_id = models.UUIDField(_("person"), null=True, db_index=True, editable=False)
    case_id = models.UUIDField(_("case"), null=True, db_index=True, editable=False)
    target_type = models.CharField(_("object type"), max_length=60, blank=True, editable=False)
    target_id = models.CharField(_("object"), max_length=64, blank=True, editable=False)
    part = models.CharField(_("part of the file"), max_length=40, blank=True, editable=False)
    changes = models.JSONField(_("changed fields"), default=list, editable=False)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True, editable=False)
    ip = models.GenericIPAddressField(_("from"), null=True, editable=False)
    # Keyed hash of the event's own fields, computed when it is appended: an event altered
    # before it is sealed is detected too. Empty on events sealed before it existed.
    content_mac = models.CharField(max_length=64, blank=True, default="", editable=False)
    # The chain, written once by the sealer (`audit.seal()`); empty until then.
    # `prev_seq` is the sealed event before this one: the sequence numbers between are
    # known gaps. Null on events sealed before gaps could exist (then it is `seq - 1`).
    prev_seq = models.BigIntegerField(null=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["actor_id", "at"], name="audit_actor_at"),
            # The reads of a case made with a stated purpose (break the glass), shown on
            # the case overview: only those rows are indexed.
            models.Index(
                fields=["case_id", "seq"],
                condition=~models.Q(purpose=""),
                name="audit_case_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only.")


class AuditHead(models.Model):
    """The end of the sealed chain: a single row, locked by the sealer alone (appending
    an event never touches it)."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"
