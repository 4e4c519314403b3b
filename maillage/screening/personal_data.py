"""What the early-warning signals hold about a person, for the export and the erasure
(maillage/personal_data.py): only a signal made into a request is about someone known,
through that request. Its answers are codes, kept at erasure (aggregates, no text)."""

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import Entry, register

register(
    Entry(
        key="signals",
        model="screening.ComplexitySignal",
        parent="requests",
        parent_field="support_request",
        person_path="support_request__person",
        case_path="support_request__case",
        # The answers are its rows below (`signal_answers`), each in words.
        fields=("age_band", "gender", "language", "reporter", "created_at"),
        title=_("Early-warning signal"),
        position=55,
    ),
    Entry(
        key="signal_answers",
        model="screening.SignalAnswer",
        parent="signals",
        parent_field="signal",
        person_path="signal__support_request__person",
        case_path="signal__support_request__case",
        fields=("question", "answer"),
        title=_("Answers of the signal"),
        position=56,
    ),
)
