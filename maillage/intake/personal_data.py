"""What intake holds about a person, for the export and the erasure
(maillage/personal_data.py): their requests, who asked, and the answers. A request
keeps its programme, dates, status and outcome (aggregates) when erased."""

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import REDACT, Entry, register, short_date

register(
    Entry(
        key="requests",
        model="intake.SupportRequest",
        person_path="person",
        case_path="case",
        fields=(
            "programme",
            "team",
            "received_at",
            "channel",
            "summary",
            "what_is_asked",
            "urgent",
            "facts",
            "answer_due",
            "status",
            "eligibility_outcome",
            "override_outcome",
            "override_justification",
            "override_by",
            "override_at",
            "clarified_at",
            "answered_at",
            "created_by",
            "created_at",
            "updated_at",
        ),
        title=_("Requests"),
        erase={"summary": "", "what_is_asked": "", "facts": {}, "override_justification": ""},
        label=lambda row: f"{row.programme} – {short_date(row.received_at)}",
        position=30,
    ),
    Entry(
        key="requesters",
        model="intake.Requester",
        parent="requests",
        parent_field="support_request",
        person_path="support_request__person",
        case_path="support_request__case",
        fields=("kind", "name", "organisation", "sector", "contact"),
        title=_("Who asked"),
        erase={"name": "", "contact": ""},
        position=40,
    ),
    Entry(
        key="decisions",
        model="intake.Decision",
        parent="requests",
        parent_field="support_request",
        person_path="support_request__person",
        case_path="support_request__case",
        fields=("kind", "reason", "orient_target", "decided_by", "decided_at"),
        title=_("Answer"),
        erase={"reason": REDACT},
        position=50,
    ),
)
