"""The case pages of the access matrix (see maillage/access/tests/matrix.py)."""

from maillage.access.tests.matrix import REDIRECT, change_case, read_case


def journal_entry(case):
    from maillage.cases.models import JournalEntry

    entry = JournalEntry.objects.create(
        case=case, kind="note", text="A note.", author=case.workers.first().user
    )
    return {"case_id": case.pk, "entry_id": entry.pk}


def case_only(case):
    return {"case_id": case.pk}


PAGES = {
    "cases:journal": ("get", case_only, read_case(), REDIRECT),
    "cases:journal_new": ("get", case_only, change_case(yes=200), REDIRECT),
    "cases:journal_edit": ("get", journal_entry, read_case(), REDIRECT),
    "cases:review": ("post", case_only, change_case(), REDIRECT),
    # The follow-up check only exists once the case is closed: forbidden before.
    "cases:follow_up": ("get", case_only, change_case(yes=403), REDIRECT),
}


def journal_entry_id(case):
    return {"entry_id": journal_entry(case)["entry_id"]}


def _change(yes: int) -> dict[str, int]:
    return change_case(yes=yes)


OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/journal"): (read_case(), None),
    ("post", "/api/v1/cases/{case_id}/journal"): (_change(201), {"kind": "note", "text": "Seen."}),
    ("get", "/api/v1/cases/{case_id}/journal/{entry_id}"): (read_case(), None, journal_entry_id),
    ("put", "/api/v1/cases/{case_id}/journal/{entry_id}"): (
        _change(200),
        {"kind": "note", "text": "Corrected.", "version": 1},
        journal_entry_id,
    ),
    # A well-formed but incomplete closing: the checklist refuses it (422) after access.
    ("post", "/api/v1/cases/{case_id}/close"): (_change(422), {"reason": "goals_reached"}),
    # The follow-up check exists only once the case is closed.
    ("post", "/api/v1/cases/{case_id}/follow-up"): (_change(403), {"held": True}),
}
