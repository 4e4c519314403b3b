"""The invitation email: a link to open the space, in the person's language. Nothing of
the case travels in it: mail travels in the clear."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from maillage import mail

from .actions import Issued
from .models import format_code


def invitation_url(token: str) -> str:
    return mail.site_url(reverse("space:invitation", kwargs={"token": token}))


def send_invitation(issued: Issued) -> None:
    invitation = issued.invitation
    language = invitation.person.language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "link": invitation_url(issued.token),
            "code": format_code(issued.code),
            "code_url": mail.site_url(reverse("space:code")),
            "expires_at": invitation.expires_at,
            "manager": invitation.created_by,
        }
        subject = render_to_string("space/email_subject.txt", context).strip()
        body = render_to_string("space/email_invitation.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    mail.send(message, about="space.invitation")
