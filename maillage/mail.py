"""The one way an email leaves Maillage.

    message = EmailMessage(subject, body, to=[…])      # built in the recipient's language
    mail.send(message, about="partner.invitation")      # inside the change's transaction

`send()` records the message (`jobs.OutgoingEmail`) in the current transaction and hands
its id to the job queue after commit: a refused or slow mail server never fails nor slows
the user's request, and a change that is rolled back sends nothing. The job `deliver()`
sends it once; on failure it records the error and the periodic job `retry_due()` tries
again later (after 1, 5, 30, 120 then 720 minutes), then marks it failed, where
administrators see it (admin → outgoing emails). Sent messages keep no content.

Links in emails are absolute, built here from `MAILLAGE_SITE_URL` (`site_url()`).
"""

import base64
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.utils import timezone

from maillage import jobs
from maillage.jobs.models import OutgoingEmail

log = logging.getLogger(__name__)

# Minutes to wait before each new attempt; after the last one, the message is failed.
BACKOFF_MINUTES = (1, 5, 30, 120, 720)
# How long a worker's claim on an email lasts (well above the mail server's time-out).
CLAIM = timedelta(minutes=10)


def site_url(path: str = "") -> str:
    """An absolute link to `path` on this Maillage (`MAILLAGE_SITE_URL`)."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send(message: EmailMessage, *, about: str) -> OutgoingEmail:
    """Record `message` with the current change; a job sends it after commit."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
    attachments = [
        {
            "filename": name,
            "content": base64.b64encode(
                content.encode() if isinstance(content, str) else content
            ).decode(),
            "mimetype": mimetype or "application/octet-stream",
        }
        for name, content, mimetype in message.attachments
    ]
    email = OutgoingEmail.objects.create(
        about=about,
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        body=message.body,
        html=html,
        attachments=attachments,
    )
    jobs.enqueue("maillage.mail.deliver", str(email.pk))
    return email


def deliver(email_id: str, now: Any = None) -> str:
    """Send one recorded email. Safe to run twice: a sent email is not sent again.

    The email is claimed first (a conditional update), then sent outside any transaction,
    so a slow mail server holds no lock; a worker that dies while sending leaves a claim
    that `retry_due()` hands out again once it is stale."""
    now = now or timezone.now()
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.WAITING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=OutgoingEmail.Status.SENDING, next_attempt_at=now + CLAIM)
    )
    if not claimed:
        return "nothing to do"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _message(email).send()
    except Exception as error:  # any refusal of the mail server: try again later
        email.attempts += 1
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        if email.attempts > len(BACKOFF_MINUTES):
            email.status, email.next_attempt_at = OutgoingEmail.Status.FAILED, None
        else:
            delay = timedelta(minutes=BACKOFF_MINUTES[email.attempts - 1])
            email.status, email.next_attempt_at = OutgoingEmail.Status.WAITING, now + delay
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        log.warning("email %s not sent (attempt %s)", email.pk, email.attempts)
        return "not sent"
    email.attempts += 1
    email.status, email.sent_at, email.next_attempt_at = OutgoingEmail.Status.SENT, now, None
    email.last_error = ""
    email.body = email.html = ""  # what was sent to whom stays; the content does not
    email.attachments = []
    email.save()
    return "sent"


def retry_due(now: Any = None) -> int:
    """The periodic job: emails whose next attempt is due, and stale claims of a worker
    that died while sending, are handed to `deliver` again."""
    now = now or timezone.now()
    OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, next_attempt_at__lte=now
    ).update(status=OutgoingEmail.Status.WAITING)
    due = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.WAITING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)[:500]
    return sum(deliver(str(email_id), now) == "sent" for email_id in list(due))


def try_again(emails: Any) -> int:
    """An administrator sends failed emails again (a fresh round of attempts)."""
    return emails.filter(status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.WAITING, attempts=0, next_attempt_at=timezone.now()
    )


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        connection=get_connection(),
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message
