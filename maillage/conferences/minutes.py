"""The minutes of a case conference, per reader.

Each reader receives only what the consent in force lets them read: an agenda item, a
decision or an evaluation whose information category is not shared with them is left
out — not blacked out, so nothing tells them it existed. The person's name is
"identity": it appears only for readers who may receive that category. Participants'
names are the professionals' identity and stay; the person and their relations are
named only where identity is shared.

The case manager's full version is `reader=None`; the person themself and the case
workers receive everything (it is their file; they hold the case). A participant's
version opens with "Your decisions": those of the meeting their actor carries out,
among the ones they may read.

The email carries the same minutes three times: HTML, plain text (`minutes_email.txt`,
rendered without HTML escaping) and the PDF.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from maillage import mail
from maillage.categories import Category
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.network.models import Actor

from . import queries
from .models import Conference, ConferenceDecision, Invitation

# Readers who receive everything.
FULL_READERS = frozenset({Actor.Kind.PERSON, Actor.Kind.WORKER})


def readable_categories(conference: Conference, reader: Invitation | None) -> set[str] | None:
    """The categories this reader may read, or None for everything."""
    if reader is None or reader.actor.kind in FULL_READERS:
        return None
    return shared_categories(consent_in_force(conference.case), reader.actor)


def minutes_for(conference: Conference, reader: Invitation | None) -> dict[str, Any]:
    """What `reader` may read of the minutes (None: the case manager's full version).

    Texts written by people are kept as they are; labels are lazy, so they come out in
    the language active when the minutes are rendered.
    """
    allowed = readable_categories(conference, reader)

    def readable(category: str) -> bool:
        return allowed is None or category in allowed

    identity = readable(Category.IDENTITY)
    starts_at = timezone.localtime(conference.starts_at)
    invitations = list(queries.recipients(conference))
    participants: dict[str, list[dict[str, Any]]] = {
        key: [] for key in ("present", "excused", "absent", "unknown")
    }
    for invitation in invitations:
        key = invitation.attendance or "unknown"
        participants[key].append(_participant(invitation, identity))
    person = [i for i in invitations if i.actor.kind == Actor.Kind.PERSON]
    person_present = None
    if person and person[0].attendance:
        person_present = person[0].attendance == Invitation.Attendance.PRESENT
    categories = dict(Category.choices)
    decisions = [d for d in queries.decisions_of(conference) if readable(d.category)]
    return {
        "full": allowed is None,
        "categories": set(Category.values) if allowed is None else set(allowed),
        "reader": _participant(reader, identity) if reader is not None else None,
        "person_name": str(conference.case.person) if identity else "",
        "starts_at": starts_at,
        "day": starts_at.date(),
        "duration_minutes": conference.duration_minutes,
        "place": conference.place,
        "video_link": conference.video_link,
        "organiser": _user_name(conference.organiser),
        "facilitator": _user_name(conference.facilitator) if conference.facilitator else "",
        "held": conference.status == Conference.Status.HELD,
        "participants": participants,
        "person_present": person_present,
        "agenda": [
            {
                "title": item.title,
                "notes": item.notes,
                "category": categories.get(item.category, item.category),
            }
            for item in queries.agenda_of(conference)
            if readable(item.category)
        ],
        "decisions": [_decision(decision, identity, categories) for decision in decisions],
        # At the top of a participant's version: what they carry out (None: the full one).
        "own_decisions": None
        if reader is None
        else [
            _decision(decision, identity, categories)
            for decision in decisions
            if decision.owner_id == reader.actor_id
        ],
        "evaluations": [
            {
                **_decision(decision, identity, categories),
                "taken_on": timezone.localtime(decision.conference.starts_at).date(),
                "evaluation": decision.get_evaluation_display(),
                "comment": decision.evaluation_comment,
            }
            for decision in queries.evaluated_at(conference)
            if readable(decision.category)
        ],
        "next_conference": _next_conference(conference),
    }


def _participant(invitation: Invitation, identity: bool) -> dict[str, Any]:
    actor = invitation.actor
    organisation = invitation.represents or actor.organisation
    if actor.kind == Actor.Kind.INFORMAL:
        organisation = ""
    return {
        "name": actor_name(actor, identity),
        "organisation": organisation,
        "profession": actor.profession if actor.kind != Actor.Kind.INFORMAL else "",
        "kind": actor.get_kind_display(),
        "duration_minutes": invitation.duration_minutes,
    }


def actor_name(actor: Actor, identity: bool) -> Any:
    """Professionals by name; the person and their relations only where identity is
    shared, otherwise by what they are to the person."""
    if identity or actor.kind in (Actor.Kind.FORMAL, Actor.Kind.WORKER):
        return actor.name
    if actor.kind == Actor.Kind.PERSON:
        return _("the person")
    return actor.get_relation_display() or _("a close relation")


def _decision(
    decision: ConferenceDecision, identity: bool, categories: dict[str, Any]
) -> dict[str, Any]:
    return {
        "who": actor_name(decision.owner, identity),
        "what": decision.what,
        "due_on": decision.due_on,
        "how": decision.how,
        "with_whom": decision.with_whom,
        "category": categories.get(decision.category, decision.category),
    }


def _user_name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def _next_conference(conference: Conference) -> dict[str, Any] | None:
    following = conference.next_conference
    if following is None or following.status == Conference.Status.CANCELLED:
        following = (
            conference.case.conferences.filter(
                status=Conference.Status.PLANNED, starts_at__gt=conference.starts_at
            )
            .order_by("starts_at")
            .first()
        )
    if following is None:
        return None
    return {
        "starts_at": timezone.localtime(following.starts_at),
        "place": following.place,
        "video_link": following.video_link,
    }


# Rendering


def format_day(day: date) -> str:
    """The day in the active language ("12 mars 2025")."""
    return formats.date_format(day, "DATE_FORMAT")


def pdf_filename(conference: Conference) -> str:
    return f"concertation-{timezone.localtime(conference.starts_at):%Y-%m-%d}.pdf"


def render_minutes_html(
    conference: Conference,
    reader: Invitation | None,
    language: str,
    content: dict[str, Any] | None = None,
) -> str:
    """The reader's minutes as a standalone HTML document (the email's body)."""
    with translation.override(language):
        content = content if content is not None else minutes_for(conference, reader)
        return render_to_string("conferences/minutes_email.html", {"minutes": content})


def render_minutes_text(
    conference: Conference,
    reader: Invitation | None,
    language: str,
    content: dict[str, Any] | None = None,
) -> str:
    """The reader's minutes as plain text (the email's text part). The template has
    autoescape off: a name reads "d'Ixelles" there, never "d&#x27;Ixelles"."""
    with translation.override(language):
        content = content if content is not None else minutes_for(conference, reader)
        text = render_to_string("conferences/minutes_email.txt", {"minutes": content})
    return _tidy(text)


def _tidy(text: str) -> str:
    """Without trailing spaces, and at most one blank line in a row."""
    lines, blank = [], True
    for line in (line.rstrip() for line in text.splitlines()):
        if line or not blank:
            lines.append(line)
        blank = not line
    return "\n".join(lines).strip() + "\n"


def render_minutes_pdf(
    conference: Conference,
    reader: Invitation | None,
    language: str,
    *,
    content: dict[str, Any] | None = None,
) -> bytes:
    """The reader's minutes as a PDF (WeasyPrint), fetching nothing from outside."""
    from weasyprint import HTML  # heavy: only when a PDF is asked for

    with translation.override(language):
        content = content if content is not None else minutes_for(conference, reader)
        html = render_to_string("conferences/minutes_pdf.html", {"minutes": content})
    document: bytes = HTML(
        string=html, base_url=mail.site_url("/"), url_fetcher=_fetch_nothing
    ).write_pdf()
    return document


def pdf_response(
    request: HttpRequest, conference: Conference, reader: Invitation | None, language: str
) -> HttpResponse:
    """The reader's minutes as a PDF shown in the browser: for pages and API alike."""
    document = render_minutes_pdf(conference, reader, language)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(conference)}"'
    return response


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"The minutes fetch no external resource ({url}).")
