"""The funding export: attendance per held conference and participant, for a period,
as CSV or XLSX, for the funder's claims.

One row per conference and invited participant. The case is named by its reference
(the case id), never by the person's name: the organisation resolves the reference when
a funder audits a claim. For the same reason the person and their informal network
appear by their role ("the person", "carer"…), not by name; professionals and case
workers, who claim, are named. The export of a period is audited once
("conference.funding_exported", no person: it is a list).
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage import access, audit
from maillage.accounts.models import User
from maillage.network.models import Actor
from maillage.spreadsheets import neutralise_cell

from . import funding
from .models import Conference, FundingScheme, Invitation

CSV, XLSX = "csv", "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Column → (header, width in characters in the XLSX).
COLUMNS = (
    (gettext_lazy("Conference date"), 14),
    (gettext_lazy("Conference reference"), 38),
    (gettext_lazy("Case reference"), 38),
    (gettext_lazy("Programme"), 30),
    (gettext_lazy("Funding scheme"), 16),
    (gettext_lazy("Participant"), 30),
    (gettext_lazy("Participant type"), 22),
    (gettext_lazy("Organisation"), 30),
    (gettext_lazy("Profession"), 22),
    (gettext_lazy("Sector"), 28),
    (gettext_lazy("Independent or salaried"), 14),
    (gettext_lazy("Duration (minutes)"), 10),
    (gettext_lazy("Attendance"), 14),
    (gettext_lazy("The person present"), 10),
    (gettext_lazy("Funding conditions met"), 12),
)
NAMED_KINDS = {Actor.Kind.FORMAL, Actor.Kind.WORKER}


@dataclass(frozen=True)
class Download:
    content: bytes
    content_type: str
    filename: str


def scheme_by_code(code: str | None) -> FundingScheme | None:
    """The scheme of that code, None for "every held conference"; unknown: refused."""
    if not code:
        return None
    scheme = FundingScheme.objects.filter(code=code).first()
    if scheme is None:
        raise ValidationError({"scheme": _("No funding scheme has this code.")})
    return scheme


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"end": _("The end of the period must be on or after its start.")})


def export(
    user: User, *, start: date, end: date, scheme: FundingScheme | None, file_format: str
) -> Download:
    """The held conferences of the cases `user` may see, in the period (whole days,
    local time), under `scheme` (or all held conferences), as a file; audited once."""
    check_period(start, end)
    if file_format not in FORMATS:
        raise ValidationError({"format": _("Choose csv or xlsx.")})
    table = rows(conferences_to_export(user, start=start, end=end, scheme=scheme))
    audit.record(
        user, "conference.funding_exported", part="conferences", target=scheme, changes=["period"]
    )
    content = to_csv(table) if file_format == CSV else to_xlsx(table)
    return Download(content, CONTENT_TYPES[file_format], filename(start, end, scheme, file_format))


def as_response(download: Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


def conferences_to_export(
    user: User, *, start: date, end: date, scheme: FundingScheme | None
) -> QuerySet[Conference]:
    conferences = access.conferences_visible_to(user).filter(
        status=Conference.Status.HELD,
        starts_at__gte=_midnight(start),
        starts_at__lt=_midnight(end + timedelta(days=1)),
    )
    if scheme is not None:
        conferences = conferences.filter(funding_scheme=scheme)
    return funding.with_funding_data(conferences).order_by("starts_at", "pk")


def rows(conferences: QuerySet[Conference]) -> list[list[Any]]:
    """One row per conference and invitation (see COLUMNS)."""
    table: list[list[Any]] = []
    for conference in conferences:
        invitations = list(conference.invitations.all())
        person_present = any(
            i.actor.kind == Actor.Kind.PERSON and i.attendance == Invitation.Attendance.PRESENT
            for i in invitations
        )
        met = funding.conditions_met(conference)
        shared = [
            timezone.localdate(conference.starts_at),
            str(conference.pk),
            str(conference.case_id),
            conference.case.programme.name,
            conference.funding_scheme.code if conference.funding_scheme else "",
        ]
        for invitation in invitations:
            table.append(
                [
                    *shared,
                    *_participant(invitation),
                    invitation.duration_minutes or conference.duration_minutes,
                    invitation.get_attendance_display(),
                    _yes_no(person_present),
                    "" if met is None else _yes_no(met),
                ]
            )
    return table


def _participant(invitation: Invitation) -> list[str]:
    actor = invitation.actor
    named = actor.kind in NAMED_KINDS
    kind = actor.get_relation_display() if actor.relation else actor.get_kind_display()
    if actor.kind == Actor.Kind.FORMAL:
        status = _("independent") if actor.independent else _("salaried")
    else:
        status = ""
    return [
        actor.name if named else kind,
        actor.get_kind_display(),
        (invitation.represents or actor.organisation) if named else "",
        actor.profession if named else "",
        actor.get_sector_display() if named else "",
        status,
    ]


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def headers() -> list[str]:
    return [str(header) for header, _width in COLUMNS]


def filename(start: date, end: date, scheme: FundingScheme | None, file_format: str) -> str:
    """No personal data: the scheme and the period."""
    prefix = f"funding-{scheme.code}" if scheme else "conference-attendance"
    return f"{prefix}-{start.isoformat()}-{end.isoformat()}.{file_format}"


def to_csv(table: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet applications read accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in table:
        writer.writerow(
            [
                value.isoformat() if isinstance(value, date) else neutralise_cell(value)
                for value in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        # A text starting with "=" would be stored as a formula: neutralised, it is text.
        sheet.append([neutralise_cell(value) for value in row])
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
