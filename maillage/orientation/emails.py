"""Referral emails: to the receiving service (the referral, reminders, acknowledgements)
and to the referring worker (reminder sent, no response, the service answered).

Each is built in its recipient's language and handed to `maillage.mail`: recorded with
the change that causes it, sent by a job after commit and retried, so a refusing mail
server neither fails nor slows the change. Links are absolute, from `mail.site_url()`.

Mail travels in the clear: the service's emails say who refers to which service and
carry the secret link; the need, the reason and the shared content are shown only
behind that link. The worker's emails name the service and the date, never the person.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from maillage import mail

from .models import Referral


def answer_url(token: str) -> str:
    return mail.site_url(reverse("orientation:answer", kwargs={"token": token}))


def referral_url(referral: Referral) -> str:
    return mail.site_url(reverse("orientation:detail", kwargs={"referral_id": referral.pk}))


def worker_contact(user: Any) -> dict[str, str]:
    """The referring worker's name, email and organisation, as the service sees them."""
    membership = (
        user.memberships.filter(ended_at__isnull=True)
        .select_related("team__organisation")
        .order_by("pk")
        .first()
    )
    return {
        "name": str(user),
        "email": user.email or "",
        "organisation": membership.team.organisation.name if membership else "",
    }


def send_to_service(referral: Referral, *, token: str, kind: str, expires_at: Any) -> None:
    """`kind`: "referral" (first sending), "reminder" or "acknowledgement"."""
    mail.send(
        service_message(referral, token=token, kind=kind, expires_at=expires_at),
        about=f"referral.service.{kind}",
    )


def send_to_worker(referral: Referral, *, kind: str) -> None:
    """`kind`: "reminder", "no_response" or "answered". Nothing if the worker has no email."""
    message = worker_message(referral, kind=kind)
    if message is not None:
        mail.send(message, about=f"referral.worker.{kind}")


def service_message(referral: Referral, *, token: str, kind: str, expires_at: Any) -> EmailMessage:
    """In the service's language (`referral.language`, from the directory)."""
    with translation.override(_known(referral.language)):
        expires = timezone.localtime(expires_at)
        context = {
            "kind": kind,
            "referral": referral,
            "service": referral.service_name,
            "sent_on": formats.date_format(
                timezone.localtime(referral.sent_at or timezone.now()), "j F Y"
            ),
            "status": referral.get_status_display(),
            "worker": worker_contact(referral.created_by),
            "answer_url": answer_url(token),
            "expires_on": formats.date_format(expires, "j F Y"),
            "reminder": referral.reminder_count,
        }
        subject = render_to_string("orientation/email_service_subject.txt", context)
        body = render_to_string("orientation/email_service.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[referral.sent_to],
    )


def worker_message(referral: Referral, *, kind: str) -> EmailMessage | None:
    """In the worker's language (their account's, else the default)."""
    worker = referral.created_by
    if not worker.email:
        return None
    with translation.override(_known(worker.language)):
        context = {
            "kind": kind,
            "service": referral.service_name,
            "sent_on": formats.date_format(
                timezone.localtime(referral.sent_at or referral.created_at), "j F Y"
            ),
            "status": referral.get_status_display(),
            "reminders": referral.reminder_count,
            "url": referral_url(referral),
        }
        subject = render_to_string("orientation/email_worker_subject.txt", context)
        body = render_to_string("orientation/email_worker.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[worker.email],
    )


def _known(language: str) -> str:
    """`language` when Maillage speaks it, else the default (French)."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
