"""Maillage tables beside the HSDS ones: the search index and suggested corrections.

Imported at the end of `models.py` (Django registers them in the `directory` app).

- `SearchDocument`: one row per service, its filter columns (denormalised, narrow), and
  `SearchText` beside it (same id): the text the database indexes, lowercased and
  accent-stripped in Python. The database keeps its own full-text index from the text: an
  FTS5 table (external content, kept by triggers) on SQLite, a generated `tsvector` column
  with a GIN index on PostgreSQL (migration 0004, see docs/directory.md "Search").
- `SearchWord`: the index's vocabulary (from FTS5's `fts5vocab` or PostgreSQL's `ts_stat`),
  used to correct one typo in a query word.
- `Suggestion`: a correction suggested by any user, reviewed by a directory editor.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """Narrow on purpose: the filters, read for every match of a query."""

    service = models.OneToOneField(
        "directory.Service", on_delete=models.CASCADE, related_name="search_document"
    )
    # Filters, as " code code " strings so one LIKE answers "contains this code".
    domains = models.CharField(max_length=500, blank=True)
    communes = models.CharField(max_length=500, blank=True)
    all_communes = models.BooleanField(default=True)
    languages = models.CharField(max_length=500, blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    # True: free of charge; False: costs something; None: not said.
    free = models.BooleanField(null=True, blank=True)
    # No index: "active" is most rows; an index would only mislead the planner.
    status = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "directory_search_document"

    def __str__(self) -> str:
        return self.service_id


class SearchText(models.Model):
    """The indexed text of a document (same id), lowercased and accent-stripped."""

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    name_text = models.TextField(blank=True)
    terms_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)

    class Meta:
        db_table = "directory_search_text"

    def __str__(self) -> str:
        return str(self.document_id)


class SearchWord(models.Model):
    word = models.CharField(max_length=100, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "directory_search_word"

    def __str__(self) -> str:
        return self.word


class Suggestion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("service"),
    )
    # One of EDITABLE_FIELDS (forms.py), or empty for a free-text remark.
    field_name = models.CharField(_("field"), max_length=100, blank=True)
    proposed_value = models.TextField(_("proposed value"), blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    suggested_at = models.DateTimeField(_("suggested"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        db_table = "directory_suggestion"
        ordering = ["-suggested_at"]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.field_name or '—'}"
