"""What the public form holds about a person, for the export and the erasure
(maillage/personal_data.py): what their requester wrote, and the colleagues who joined.
A submission set aside as spam names no person record until it is released."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from maillage.personal_data import Entry, register, short_date


def _said(data: dict[str, Any]) -> str:
    """What the requester wrote, in words (the status page's list), for the PDF."""
    from .snapshot import said

    return "; ".join(f"{question}: {answer}" for question, answer in said(data) if answer) or "—"


register(
    Entry(
        key="public_submissions",
        model="public.PublicSubmission",
        parent="requests",
        parent_field="support_request",
        person_path="support_request__person",
        case_path="support_request__case",
        fields=(
            "programme",
            "chosen_programme",
            "data",
            "email",
            "language",
            "spam",
            "submitted_at",
            "released_at",
            "answer_sent_at",
        ),
        title=_("Sent through the public form"),
        readable={"data": _said},
        erase={"data": {}, "email": ""},
        label=lambda row: short_date(row.submitted_at),
        position=45,
    ),
    Entry(
        key="public_invitations",
        model="public.CoRequesterInvitation",
        parent="public_submissions",
        parent_field="submission",
        person_path="submission__support_request__person",
        case_path="submission__support_request__case",
        fields=(
            "email",
            "name",
            "organisation",
            "sector",
            "contact",
            "created_at",
            "expires_at",
            "confirmed_at",
        ),
        title=_("Colleagues invited to join"),
        erase={"email": "", "name": "", "contact": ""},
        position=46,
    ),
)
