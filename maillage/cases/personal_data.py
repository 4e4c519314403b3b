"""What the cases app holds about a person, for the export and the erasure
(maillage/personal_data.py): their cases, the workers who held them and the journal.
`case_part()` describes a part of the case file for the apps above (consent, plans…)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import DELETE, KEEP, Entry, register, short_date


def case_part(
    key: str, model: str, fields: tuple[str, ...], title: Any, erase: Any, **options: Any
) -> Entry:
    """A part of the case file: rows with a `case` field, nested under their case."""
    return Entry(
        key=key,
        model=model,
        parent="cases",
        parent_field="case",
        person_path="case__person",
        case_path="case",
        fields=fields,
        title=title,
        erase=erase,
        **options,
    )


register(
    Entry(
        key="cases",
        model="cases.Case",
        person_path="person",
        case_path="id",
        fields=(
            "programme",
            "team",
            "support_request",
            "phase",
            "opened_at",
            "planned_end",
            "next_review",
            "closed_at",
            "closure_reason",
            "closure_note",
            "actors_know_mission",
            "person_agrees",
            "network_holds",
            "follow_up_on",
            "follow_up_done_at",
            "follow_up_held",
            "follow_up_note",
            "created_at",
            "updated_at",
        ),
        title=_("Cases"),
        erase={"closure_note": "", "follow_up_note": ""},
        label=lambda row: f"{row.programme} – {short_date(row.opened_at)}",
        position=60,
    ),
    case_part(
        "workers",
        "cases.CaseWorker",
        ("user", "started_at", "ended_at"),
        _("Case workers"),
        KEEP,
        table=True,
        position=70,
    ),
    case_part(
        "journal",
        "cases.JournalEntry",
        (
            "occurred_at",
            "kind",
            "duration_minutes",
            "participants",
            "text",
            "category",
            "author",
            "created_at",
            "updated_at",
        ),
        _("Journal"),
        DELETE,
        position=170,
    ),
)
