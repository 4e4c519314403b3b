"""What the records app itself holds about a person, for the export and the erasure
(registry.py): the corrections of their identity details, and the trace of an erased
case."""

from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import DELETE, KEEP, Entry, register

register(
    Entry(
        key="rectifications",
        model="records.Rectification",
        person_path="person",
        fields=("field", "old_value", "new_value", "reason", "by", "at"),
        title=_("Corrections of identity details"),
        erase=DELETE,
        table=True,
        position=10,
    ),
    case_part(
        "erasure",
        "records.ErasedCase",
        ("erased_at", "retention_days", "person_anonymised", "rows"),
        _("Erasure after the retention period"),
        KEEP,
        position=230,
    ),
)
