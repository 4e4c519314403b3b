"""What consent holds about a person, for the export and the erasure
(maillage/personal_data.py): each consent recorded in a case and with whom it shares."""

from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import DELETE, Entry, register

register(
    case_part(
        "consents",
        "consent.Consent",
        (
            "status",
            "method",
            "decided_by",
            "justification",
            "notes",
            "recorded_at",
            "recorded_by",
        ),
        _("Consents"),
        {"decided_by": "", "justification": "", "notes": ""},
        position=80,
    ),
    Entry(
        key="shares",
        model="consent.Share",
        parent="consents",
        parent_field="consent",
        person_path="consent__case__person",
        case_path="consent__case",
        fields=("actor", "categories"),
        title=_("Shared with"),
        erase=DELETE,
        select_related=("actor",),
        label=lambda row: str(row.actor),
        position=90,
    ),
)
