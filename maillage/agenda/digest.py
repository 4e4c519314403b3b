"""The daily digest: one email a day per worker who wants it, with counts and links only.

At or after the hour the user chose (Europe/Brussels), once per local day: the day is
claimed by a conditional UPDATE of `digest_sent_on` before anything is sent, so two
workers running at once never send two. A user with nothing to report gets no email,
and the day is still marked as done (nothing is sent later that day either: the digest
is a morning summary, not a notification). The email names no person and holds no case
content: only how many items of each kind, and links to Maillage.
"""

from collections import Counter
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from maillage import mail
from maillage.accounts.models import Digest, Membership, User

from .items import KINDS, agenda_for

# Where each kind is listed in full (the home page lists them all).
LISTS = {"request_deadline": "intake:queue"}


def due_users(now: datetime) -> Any:
    """Workers whose digest is due now: daily, their hour reached, not sent today."""
    local = timezone.localtime(now)
    workers = Membership.objects.active().values("user_id")
    return (
        User.objects.filter(
            is_active=True,
            is_person_account=False,
            digest=Digest.DAILY,
            digest_hour__lte=local.hour,
            pk__in=workers,
        )
        .exclude(email="")
        .exclude(digest_sent_on=local.date())
        .order_by("pk")
    )


def send_digests(now: datetime | None = None) -> dict[str, int]:
    """Send every due digest; returns how many were sent and how many had nothing."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    counts = {"sent": 0, "empty": 0}
    for user in list(due_users(now)):
        with transaction.atomic():
            claimed = (
                User.objects.filter(pk=user.pk)
                .exclude(digest_sent_on=today)
                .update(digest_sent_on=today)
            )
            if claimed != 1:
                continue  # another worker took it
            message = digest_message(user, now)
            if message is None:
                counts["empty"] += 1
                continue
            mail.send(message, about="agenda.digest")
            counts["sent"] += 1
    return counts


def digest_message(user: User, now: datetime) -> EmailMessage | None:
    """The user's digest in their language (else French), or None with nothing due."""
    items = agenda_for(user, now)
    if not items:
        return None
    by_kind = Counter(item.kind for item in items)
    overdue = sum(1 for item in items if item.overdue)
    with translation.override(_language(user)):
        lines = [
            {
                "label": str(label),
                "count": by_kind[kind],
                "url": mail.site_url(reverse(LISTS[kind])) if kind in LISTS else "",
            }
            for kind, label in KINDS.items()
            if by_kind[kind]
        ]
        context = {
            "lines": lines,
            "total": len(items),
            "overdue": overdue,
            "home_url": mail.site_url(reverse("ui:home")),
        }
        subject = render_to_string("agenda/digest_subject.txt", context)
        body = render_to_string("agenda/digest.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def _language(user: User) -> str:
    language = user.language or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
