"""The requester's emails: the acknowledgement with the private status link, the answer,
and a colleague's invitation. Built in the submission's language and handed to
`maillage.mail`; they carry links and dates only, never what was written."""

from datetime import datetime

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from maillage import mail

from .models import CoRequesterInvitation, PublicSubmission


def status_url(token: str) -> str:
    return mail.site_url(reverse("public:status", kwargs={"token": token}))


def join_url(token: str) -> str:
    return mail.site_url(reverse("public:join", kwargs={"token": token}))


def _message(template: str, context: dict[str, object], to: str) -> EmailMessage:
    subject = render_to_string(f"public/email_{template}_subject.txt", context).strip()
    body = render_to_string(f"public/email_{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[to])


def acknowledge(submission: PublicSubmission, *, token: str, answer_due: datetime | None) -> None:
    if not submission.email:
        return
    with translation.override(submission.language):
        context = {
            "programme": submission.programme.name,
            "sent_on": formats.date_format(timezone.localtime(submission.submitted_at), "j F Y"),
            "answer_due": (
                formats.date_format(timezone.localtime(answer_due), "DATETIME_FORMAT")
                if answer_due
                else ""
            ),
            "status_url": status_url(token),
            "professional": submission.is_professional,
        }
        message = _message("acknowledgement", context, submission.email)
    mail.send(message, about="public.acknowledgement")


def tell_answer(submission: PublicSubmission, *, token: str) -> None:
    with translation.override(submission.language):
        context = {
            "programme": submission.programme.name,
            "sent_on": formats.date_format(timezone.localtime(submission.submitted_at), "j F Y"),
            "status_url": status_url(token),
        }
        message = _message("answer", context, submission.email)
    mail.send(message, about="public.answer")


def invite(invitation: CoRequesterInvitation, *, token: str) -> None:
    submission = invitation.submission
    with translation.override(submission.language):
        context = {
            "programme": submission.programme.name,
            "organisation": submission.data.get("requester", {}).get("organisation", ""),
            "name": submission.data.get("requester", {}).get("name", ""),
            "join_url": join_url(token),
            "expires_on": formats.date_format(timezone.localtime(invitation.expires_at), "j F Y"),
        }
        message = _message("invitation", context, invitation.email)
    mail.send(message, about="public.invitation")
