"""What case conferences hold about a person, for the export and the erasure
(maillage/personal_data.py): each conference with its invitations, agenda, decisions
and the minutes sent."""

from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import KEEP, REDACT, Entry, register


def _conference_part(
    key: str, model: str, fields: tuple[str, ...], title: Any, erase: Any, **options: Any
) -> Entry:
    """A part of a case conference, nested under it."""
    return Entry(
        key=key,
        model=model,
        parent="conferences",
        parent_field="conference",
        person_path="conference__case__person",
        case_path="conference__case",
        fields=fields,
        title=title,
        erase=erase,
        **options,
    )


register(
    case_part(
        "conferences",
        "conferences.Conference",
        (
            "starts_at",
            "duration_minutes",
            "place",
            "video_link",
            "organiser",
            "facilitator",
            "status",
            "funding_scheme",
            "reference_person",
            "next_conference",
            "held_at",
            "created_at",
            "updated_at",
        ),
        _("Case conferences"),
        {"place": "", "video_link": ""},
        label=lambda row: formats.date_format(row.starts_at, "SHORT_DATETIME_FORMAT"),
        position=180,
    ),
    _conference_part(
        "invitations",
        "conferences.Invitation",
        (
            "actor",
            "email",
            "language",
            "sent_at",
            "answer",
            "answered_at",
            "attendance",
            "represents",
            "duration_minutes",
        ),
        _("Invitations"),
        {"email": ""},
        select_related=("actor",),
        label=lambda row: str(row.actor),
        position=190,
    ),
    _conference_part(
        "agenda",
        "conferences.AgendaItem",
        ("position", "title", "goal", "action", "notes", "category"),
        _("Agenda"),
        {"title": REDACT, "notes": ""},
        position=200,
    ),
    _conference_part(
        "conference_decisions",
        "conferences.ConferenceDecision",
        (
            "agenda_item",
            "what",
            "owner",
            "due_on",
            "with_whom",
            "how",
            "category",
            "action",
            "evaluation",
            "evaluation_comment",
            "evaluated_at",
            "created_at",
        ),
        _("Decisions"),
        {"what": REDACT, "with_whom": "", "how": "", "evaluation_comment": ""},
        position=210,
    ),
    _conference_part(
        "minutes_deliveries",
        "conferences.MinutesDelivery",
        ("invitation", "language", "categories", "digest", "sent_at", "sent_by"),
        _("Minutes sent"),
        KEEP,
        table=True,
        label=lambda row: formats.date_format(row.sent_at, "SHORT_DATETIME_FORMAT"),
        position=220,
    ),
)
