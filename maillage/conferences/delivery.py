"""Sending the minutes of a held conference: each participant with an email address
receives their own version (`minutes.minutes_for`), and who received which version is
recorded as a `MinutesDelivery`."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage import audit, mail
from maillage.accounts.models import User
from maillage.network.models import Actor
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice

from . import minutes, queries
from .models import Conference, Invitation, MinutesDelivery


@transaction.atomic
def send_minutes(conference: Conference, *, by: User) -> list[MinutesDelivery]:
    """Email each participant with an address their own version of the minutes (what
    the consent in force lets them read), in their language, as HTML with the PDF
    attached; record who received which version. The emails are recorded with the
    deliveries and leave after the commit (`maillage.mail`)."""
    if conference.status != Conference.Status.HELD:
        raise ValidationError(_("Close the meeting before sending its minutes."))
    invitations = [
        invitation
        for invitation in queries.recipients(conference)
        if invitation.email or invitation.actor.email
    ]
    if not invitations:
        raise ValidationError(_("No participant has an email address to send the minutes to."))
    deliveries = []
    for invitation in invitations:
        content = minutes.minutes_for(conference, invitation)
        html = minutes.render_minutes_html(conference, invitation, invitation.language, content)
        text = minutes.render_minutes_text(conference, invitation, invitation.language, content)
        pdf = minutes.render_minutes_pdf(
            conference, invitation, invitation.language, content=content
        )
        mail.send(
            _minutes_email(conference, invitation, text, html, pdf), about="conference.minutes"
        )
        deliveries.append(
            MinutesDelivery(
                conference=conference,
                invitation=invitation,
                language=invitation.language,
                categories=sorted(content["categories"]),
                digest=hashlib.sha256(html.encode()).hexdigest(),
                sent_by=by,
            )
        )
    MinutesDelivery.objects.bulk_create(deliveries)
    _notify_readers(conference, invitations, by=by)
    audit.record(
        by,
        "conference.minutes_sent",
        person=conference.case.person_id,
        case=conference.case_id,
        target=conference,
        part="conferences",
        changes=["deliveries"],
    )
    return deliveries


def _notify_readers(conference: Conference, invitations: list[Invitation], *, by: User) -> None:
    """Professionals with an account see the minutes in their inbox: a case worker on
    the conference's page, a partner on their own minutes page (their version)."""
    for invitation in invitations:
        actor = invitation.actor
        if actor.user_id is None or actor.kind not in (Actor.Kind.WORKER, Actor.Kind.FORMAL):
            continue
        name = "conferences:detail" if actor.kind == Actor.Kind.WORKER else "partners:minutes"
        url = reverse(name, kwargs={"conference_id": conference.pk})
        notifications.notify(
            [actor.user_id], Notice.MINUTES_SENT, url=url, case_id=conference.case_id, exclude=by
        )


def _minutes_email(
    conference: Conference, invitation: Invitation, text: str, html: str, pdf: bytes
) -> EmailMultiAlternatives:
    """The subject names no one: mail travels in the clear."""
    with translation.override(invitation.language):
        day = timezone.localtime(conference.starts_at).date()
        subject = _("Minutes of the case conference of %(date)s") % {
            "date": minutes.format_day(day)
        }
        message = EmailMultiAlternatives(
            subject=subject, body=text, to=[invitation.email or invitation.actor.email]
        )
    message.attach_alternative(html, "text/html")
    message.attach(minutes.pdf_filename(conference), pdf, "application/pdf")
    return message
