"""No deadline passes unseen: a request whose answer is due within 24 hours is brought
to its team's intake workers and its assigned worker, in their inbox and by email,
exactly once.

The periodic job runs every `PERIOD`; a request is taken as soon as its deadline is
nearer than `LEAD` plus two periods, so every alert leaves at least `LEAD` before the
deadline (a request recorded with a nearer deadline is alerted at once, by
`record_request`). Each request is claimed by a conditional UPDATE of
`deadline_alerted_at` in its own transaction: two workers running the job at once alert
it once. The email holds a date and a link, never a name nor any content of the request.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from maillage import mail
from maillage.accounts.models import Role, User
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice

from .models import SupportRequest

LEAD = timedelta(hours=24)  # the alert leaves at least this long before the deadline
PERIOD = timedelta(minutes=15)  # how often the job runs (maillage/jobs/schedule.py)
WINDOW = LEAD + 2 * PERIOD  # taken when the deadline is this near
BATCH = 500


def due_for_alert(now: datetime) -> "list[object]":
    """Open requests not alerted yet whose deadline is near and not passed."""
    return list(
        SupportRequest.objects.filter(
            status=SupportRequest.Status.OPEN,
            deadline_alerted_at__isnull=True,
            answer_due__gt=now,
            answer_due__lte=now + WINDOW,
        )
        .order_by("answer_due")
        .values_list("pk", flat=True)[:BATCH]
    )


def alert_near_deadlines(now: datetime | None = None) -> int:
    """Alert every request whose deadline is near; returns how many were alerted."""
    now = now or timezone.now()
    return sum(alert_request(pk, now=now) for pk in due_for_alert(now))


def alert_if_near(support_request: SupportRequest) -> bool:
    """At recording: a request whose deadline is already near is alerted at once."""
    now = timezone.now()
    due = support_request.answer_due
    if due is None or not now < due <= now + WINDOW:
        return False
    return alert_request(support_request.pk, now=now)


@transaction.atomic
def alert_request(request_id: object, *, now: datetime) -> bool:
    """Claim the request, then notify and email its recipients; False if another run
    claimed it first (or it was answered meanwhile)."""
    claimed = SupportRequest.objects.filter(
        pk=request_id, status=SupportRequest.Status.OPEN, deadline_alerted_at__isnull=True
    ).update(deadline_alerted_at=now)
    if not claimed:
        return False
    support_request = SupportRequest.objects.only(
        "pk", "team_id", "assigned_to_id", "answer_due"
    ).get(pk=request_id)
    recipients = list(recipients_of(support_request))
    url = reverse("intake:detail", kwargs={"request_id": support_request.pk})
    notifications.notify(recipients, Notice.DEADLINE_NEAR, url=url, request_id=support_request.pk)
    for user in recipients:
        if user.email:
            mail.send(_email(user, support_request, url), about="request.deadline_near")
    return True


def recipients_of(support_request: SupportRequest) -> "list[User]":
    """The team's intake workers (active memberships) and the assigned worker."""
    intake = Q(
        memberships__team_id=support_request.team_id,
        memberships__role=Role.INTAKE,
        memberships__ended_at__isnull=True,
    )
    assigned = (
        Q(pk=support_request.assigned_to_id) if support_request.assigned_to_id else Q(pk__in=[])
    )
    return list(
        User.objects.filter(intake | assigned, is_active=True, is_person_account=False)
        .distinct()
        .order_by("pk")
    )


def _email(user: User, support_request: SupportRequest, url: str) -> EmailMessage:
    """In the recipient's language (their account's, else the default)."""
    language = (
        user.language if user.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        due = timezone.localtime(support_request.answer_due)
        context = {"due": formats.date_format(due, "j F Y, H:i"), "url": mail.site_url(url)}
        subject = render_to_string("intake/email_deadline_subject.txt", context)
        body = render_to_string("intake/email_deadline.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
