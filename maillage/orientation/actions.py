"""Every write of orientation: referrals and their answers, reminders, unmet needs.

A referral goes sent → received → accepted / waiting list / refused / completed, or
no response (after the reminders, or by the worker). Sent by email, the receiving
service answers through a single-use, expiring link (`ReferralLink`, token stored as a
hash); made by phone, in person or by letter, there is no email, no link and no
reminder: the worker records the service's answer. Every change is audited (part
"orientation").
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit, tokens
from maillage.categories import LifeDomain
from maillage.directory import status as service_status
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice

from . import content, coverage, emails
from .models import Referral, ReferralLink, ReferralStatusChange, UnmetNeed

Status = Referral.Status
Channel = Referral.Channel

# Who may go where: the service through its link, the worker on the referral's page.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SENT: frozenset(
        {Status.RECEIVED, Status.ACCEPTED, Status.WAITING_LIST, Status.REFUSED, Status.NO_RESPONSE}
    ),
    Status.RECEIVED: frozenset(
        {
            Status.ACCEPTED,
            Status.WAITING_LIST,
            Status.REFUSED,
            Status.COMPLETED,
            Status.NO_RESPONSE,
        }
    ),
    Status.WAITING_LIST: frozenset({Status.ACCEPTED, Status.REFUSED, Status.NO_RESPONSE}),
    Status.ACCEPTED: frozenset({Status.COMPLETED}),
    # A late answer still counts.
    Status.NO_RESPONSE: frozenset(
        {Status.RECEIVED, Status.ACCEPTED, Status.WAITING_LIST, Status.REFUSED}
    ),
    Status.REFUSED: frozenset(),
    Status.COMPLETED: frozenset(),
}
# What the service may answer through its link (no response is not an answer).
SERVICE_ANSWERS = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.WAITING_LIST,
    Status.REFUSED,
    Status.COMPLETED,
)
FINAL = frozenset({Status.REFUSED, Status.COMPLETED})
# Still waiting for the service: reminders are sent for these.
AWAITING = frozenset({Status.SENT, Status.RECEIVED})
# What the worker may record at once, for a referral made by phone, in person or by letter
# when the service already answered.
FIRST_ANSWERS = (Status.ACCEPTED, Status.WAITING_LIST, Status.REFUSED)
# Statuses after which the worker is offered to record an unmet need.
UNMET = {Status.REFUSED: UnmetNeed.Reason.REFUSED, Status.WAITING_LIST: UnmetNeed.Reason.FULL}


def max_reminders() -> int:
    """Reminders before a referral is marked "no response" (MAILLAGE setting, default 3)."""
    return settings.REFERRAL_MAX_REMINDERS


# Links


def _issue_link(referral: Referral, purpose: str) -> tuple[str, ReferralLink]:
    token = tokens.new_token()
    link = ReferralLink.objects.create(
        referral=referral,
        token_hash=tokens.digest(token),
        purpose=purpose,
        expires_at=timezone.now() + timedelta(days=settings.REFERRAL_LINK_DAYS),
    )
    return token, link


def link_state(token: str) -> tuple[str, ReferralLink | None]:
    """("valid" | "expired" | "used" | "closed" | "unknown", the link). Reads only."""
    if not token or len(token) > 100:
        return "unknown", None
    link = (
        ReferralLink.objects.select_related("referral", "referral__created_by")
        .filter(token_hash=tokens.digest(token))
        .first()
    )
    if link is None:
        return "unknown", None
    if link.used_at is not None:
        return "used", link
    if link.expires_at <= timezone.now():
        return "expired", link
    if link.referral.status in FINAL:
        return "closed", link
    return "valid", link


def service_recipient(service: Any) -> str:
    """The service's email, else one of its contacts', else its organisation's."""
    if service.email:
        return str(service.email)
    contact = service.contacts.exclude(email="").order_by("id").first()
    if contact is not None:
        return str(contact.email)
    organization = service.organization
    return str(organization.email) if organization is not None and organization.email else ""


def service_language(service: Any) -> str:
    """French unless the service works in Dutch or English only (directory languages)."""
    codes = {(code or "").lower()[:2] for code in service.languages.values_list("code", flat=True)}
    for language in ("fr", "nl", "en"):
        if language in codes:
            return language
    return "fr"


# Referring


@transaction.atomic
def refer(
    *,
    by: Any,
    service: Any,
    need: str,
    reason: str,
    life_domain: str = "",
    support_request: Any = None,
    case: Any = None,
    categories: Iterable[str] = (),
    person_agreed: bool = False,
    channel: str = Channel.EMAIL,
    answer: str = "",
    answer_reason: str = "",
) -> Referral:
    """Orient the person of a request or a case to a directory service: email it (with
    its answer link), or record a referral made by phone, in person or by letter, with
    the service's `answer` when it already gave one (accepted, waiting list, refused
    with `answer_reason`).

    The caller has checked that `by` may change the request or case. Only the chosen
    categories allowed by the consent (see `content.py`) are composed and sent (or, for
    a referral made another way, recorded as what was told). The email is recorded with
    the referral and sent after commit (`maillage.mail`): a refusing mail server does
    not fail the referral, the email is retried.
    """
    chosen = list(dict.fromkeys(categories))
    errors: dict[str, str] = _check_channel(channel, answer, answer_reason)
    if case is None and support_request is None:
        errors["case"] = _("Orient from a request or a case.")
    if (
        case is not None
        and support_request is not None
        and case.support_request_id
        not in (
            None,
            support_request.pk,
        )
    ):
        errors["request"] = _("This request is not the case's request.")
    if service is None:
        errors["service"] = _("Choose a service in the directory.")
    if not need.strip():
        errors["need"] = _("Describe the need the service is asked to answer.")
    if life_domain and life_domain not in LifeDomain.values:
        errors["life_domain"] = _("Choose the life domain of the need.")
    if case is not None and not life_domain:
        errors["life_domain"] = _("Choose the life domain of the need.")
    if not person_agreed:
        errors["person_agreed"] = _("Confirm that the person agreed to this orientation.")
    allowed = content.allowed_categories(case=case, support_request=support_request)
    refused = [code for code in chosen if code not in allowed]
    if refused:
        errors["categories"] = _("The consent in force does not allow sharing: %(categories)s.") % {
            "categories": ", ".join(content.category_label(code) for code in refused)
        }
    closed = service_status.closed_status(service) if service is not None else ""
    by_email = channel == Channel.EMAIL
    recipient = service_recipient(service) if service is not None and by_email else ""
    if closed:
        errors["service"] = _(
            "This service is %(status)s in the directory: it takes no orientation. "
            "Choose another service."
        ) % {"status": closed}
    elif service is not None and by_email and not recipient:
        errors["service"] = _(
            "This service has no email address in the directory: record a referral made "
            "by phone, in person or by letter, or ask a directory editor to add its contact."
        )
    if errors:
        raise ValidationError(errors)
    person = case.person if case is not None else support_request.person
    language = service_language(service)
    now = timezone.now()
    referral = Referral.objects.create(
        person=person,
        support_request=support_request
        if support_request is not None
        else getattr(case, "support_request", None),
        case=case,
        service=service,
        service_name=(service.name or service.pk)[:500],
        channel=channel,
        sent_to=recipient,
        life_domain=life_domain,
        need=need.strip(),
        reason=reason.strip(),
        shared_categories=chosen,
        shared_content=content.compose(chosen, person=person, case=case, language=language),
        person_agreed=True,
        language=language,
        status=Status.SENT,
        status_changed_at=now,
        sent_at=now,
        created_by=by,
    )
    ReferralStatusChange.objects.create(
        referral=referral, status=Status.SENT, via=ReferralStatusChange.Via.WORKER, by=by, at=now
    )
    audit.record(
        by,
        "referral.sent",
        person=person.pk,
        case=case,
        target=referral,
        part="orientation",
        changes=["service", "channel", "need", "reason", "shared_categories"],
    )
    if by_email:
        _email_service(referral, purpose="referral")
    elif answer:
        _apply(referral, answer, answer_reason, via=ReferralStatusChange.Via.WORKER, by=by, now=now)
    return referral


def _check_channel(channel: str, answer: str, answer_reason: str) -> dict[str, str]:
    """The channel is one of the list; an answer already given only for a referral made
    by phone, in person or by letter (by email the service answers through its link),
    and a refusal with its reason."""
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the referral was made.")
    elif answer and channel == Channel.EMAIL:
        errors["answer"] = _(
            "By email, the service answers through its link: leave its answer empty."
        )
    if answer and answer not in FIRST_ANSWERS:
        errors["answer"] = _("Choose the service's answer from the list.")
    elif answer == Status.REFUSED and not answer_reason.strip():
        errors["answer_reason"] = _("Give the reason of the refusal.")
    return errors


@transaction.atomic
def refer_from_request(*, by: Any, support_request: Any, **fields: Any) -> Referral:
    """A referral from a request; a request still awaiting its answer is answered
    "orient" to this service through the intake's own action, in the same transaction."""
    from maillage.intake import actions as intake_actions

    referral = refer(by=by, support_request=support_request, **fields)
    if support_request.is_open:
        intake_actions.record_answer(
            support_request,
            by=by,
            kind="orient",
            reason=referral.reason or referral.need,
            orient_target=referral.service_name[:300],
        )
    return referral


def record_link_opened(link: ReferralLink) -> None:
    """The receiving service read the referral through its link: in the person's log."""
    referral = link.referral
    audit.record(
        None,
        "referral.opened_by_link",
        person=referral.person_id,
        case=referral.case_id,
        target=referral,
        part="orientation",
    )


def _email_service(referral: Referral, *, purpose: str) -> None:
    """A fresh link, and the email carrying it, recorded in the current transaction."""
    token, link = _issue_link(referral, purpose)
    emails.send_to_service(referral, token=token, kind=purpose, expires_at=link.expires_at)


# Status changes


def _check_transition(referral: Referral, status: str, reason: str) -> None:
    errors: dict[str, str] = {}
    if status not in Status.values:
        errors["status"] = _("Choose a status from the list.")
    elif status == referral.status:
        errors["status"] = _("The referral already has this status.")
    elif status not in TRANSITIONS[referral.status]:
        errors["status"] = _("A referral cannot go from “%(current)s” to “%(new)s”.") % {
            "current": referral.get_status_display(),
            "new": Status(status).label,
        }
    if status == Status.REFUSED and not reason.strip():
        errors["reason"] = _("Give the reason of the refusal.")
    if errors:
        raise ValidationError(errors)


def _apply(
    referral: Referral, status: str, reason: str, *, via: str, by: Any, now: datetime
) -> None:
    referral.status = status
    referral.status_reason = reason.strip()
    referral.status_changed_at = now
    referral.version += 1
    referral.save(update_fields=["status", "status_reason", "status_changed_at", "version"])
    ReferralStatusChange.objects.create(
        referral=referral, status=status, reason=reason.strip(), via=via, by=by, at=now
    )
    audit.record(
        by,
        f"referral.{status}",
        person=referral.person_id,
        case=referral.case_id,
        target=referral,
        part="orientation",
        changes=["status", "status_reason"] if reason.strip() else ["status"],
    )


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().select_related("created_by").get(pk=referral.pk)


@transaction.atomic
def update_status(
    referral: Referral,
    status: str,
    reason: str = "",
    *,
    via: Any = "link",
    version: int | None = None,
) -> Referral:
    """Change the status. `via` is "link" (the service, through a valid link: use
    `answer_by_link`), "reminder" (the system) or the worker (a user) who records it."""
    from maillage.versioning import StaleVersion

    current = _locked(referral)
    if version is not None and version != current.version:
        raise StaleVersion(current.version)
    _check_transition(current, status, reason)
    if isinstance(via, str):
        kind, by = via, None
    else:
        kind, by = ReferralStatusChange.Via.WORKER, via
    _apply(current, status, reason, via=kind, by=by, now=timezone.now())
    if kind == ReferralStatusChange.Via.LINK:
        _spend_links(current)
        if status not in FINAL:
            _email_service(current, purpose="acknowledgement")
        emails.send_to_worker(current, kind="answered")
        _notify_answered(current)
    _refresh(referral, current)
    return referral


def _notify_answered(referral: Referral) -> None:
    """The referral's author and the case's workers see the answer in their inbox."""
    url = reverse("orientation:detail", kwargs={"referral_id": referral.pk})
    recipients = [referral.created_by_id, *notifications.workers_of(referral.case)]
    notifications.notify(
        recipients,
        Notice.REFERRAL_ANSWERED,
        url=url,
        case_id=referral.case_id,
        request_id=referral.support_request_id,
    )


def _spend_links(referral: Referral) -> None:
    referral.links.filter(used_at__isnull=True).update(used_at=timezone.now())


def _refresh(target: Referral, source: Referral) -> None:
    for field in ("status", "status_reason", "status_changed_at", "version"):
        setattr(target, field, getattr(source, field))
    target.reminder_count = source.reminder_count
    target.last_reminder_at = source.last_reminder_at


@transaction.atomic
def answer_by_link(token: str, status: str, reason: str = "") -> Referral:
    """The receiving service answers through its link; the link is spent.

    An unknown, expired or used link, or a closed referral, changes nothing.
    """
    state, link = link_state(token)
    if state != "valid" or link is None:
        raise ValidationError(_("This link can no longer be used."), code=state)
    ReferralLink.objects.select_for_update().filter(pk=link.pk).first()
    link.refresh_from_db()
    if link.used_at is not None:
        raise ValidationError(_("This link can no longer be used."), code="used")
    if status not in SERVICE_ANSWERS:
        raise ValidationError({"status": _("Choose an answer from the list.")})
    return update_status(link.referral, status, reason, via="link")


# Reminders


def send_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Remind services of referrals without an update for REFERRAL_REMINDER_DAYS days;
    after `max_reminders()` reminders, mark them "no response" and tell the worker.

    Idempotent per day, and safe when two workers run it at once: each referral is
    reminded in its own transaction, under its row lock, after checking it is still due,
    so it is reminded at most once in REFERRAL_REMINDER_DAYS. Its emails are recorded in
    that transaction and sent after commit by `maillage.mail`, which retries a refusing
    mailbox.
    """
    now = now or timezone.now()
    due_before = now - timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    counts = {"reminded": 0, "no_response": 0}
    due = (
        Referral.objects.filter(
            channel=Channel.EMAIL, status__in=AWAITING, status_changed_at__lte=due_before
        )
        .exclude(last_reminder_at__gt=due_before)
        .order_by("status_changed_at", "pk")
    )
    for referral_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            outcome = _remind(referral_id, due_before, now=now)
        if outcome:
            counts[outcome] += 1
    return counts


def _remind(referral_id: Any, due_before: datetime, *, now: datetime) -> str:
    """One referral's reminder (or "no response"), under its row lock; "" if no longer due."""
    referral = (
        Referral.objects.select_for_update()
        .select_related("created_by")
        .filter(
            pk=referral_id,
            channel=Channel.EMAIL,
            status__in=AWAITING,
            status_changed_at__lte=due_before,
        )
        .exclude(last_reminder_at__gt=due_before)
        .first()
    )
    if referral is None:
        return ""
    if referral.reminder_count >= max_reminders():
        _apply(
            referral,
            Status.NO_RESPONSE,
            "",
            via=ReferralStatusChange.Via.REMINDER,
            by=None,
            now=now,
        )
        emails.send_to_worker(referral, kind="no_response")
        return "no_response"
    referral.reminder_count += 1
    referral.last_reminder_at = now
    referral.save(update_fields=["reminder_count", "last_reminder_at"])
    audit.record(
        None,
        "referral.reminded",
        person=referral.person_id,
        case=referral.case_id,
        target=referral,
        part="orientation",
        changes=["reminder_count"],
    )
    _email_service(referral, purpose="reminder")
    emails.send_to_worker(referral, kind="reminder")
    return "reminded"


# Unmet needs


def unmet_need_from_referral(referral: Referral) -> dict[str, Any]:
    """The prefilled fields of an unmet need recorded after a refusal or a waiting list."""
    person = referral.person
    commune = person.residence or ""
    return {
        "life_domain": referral.life_domain,
        "reason": UNMET.get(referral.status, UnmetNeed.Reason.NO_SERVICE),
        "commune": commune,
        "age_band": age_band(person.birth_date),
        "description": referral.need,
        "service": referral.service,
        "referral": referral,
        "support_request": referral.support_request,
        "case": referral.case,
    }


def age_band(birth_date: Any, today: Any = None) -> str:
    """The age band of a birth date (empty when unknown)."""
    if birth_date is None:
        return ""
    today = today or timezone.localdate()
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return band_of_age(today.year - birth_date.year - before_birthday)


def band_of_age(age: int) -> str:
    for band, upper in (("0-11", 11), ("12-17", 17), ("18-24", 24), ("25-64", 64)):
        if age <= upper:
            return band
    return "65+"


def record_unmet_need(
    *,
    by: Any,
    life_domain: str,
    reason: str,
    commune: str = "",
    age_band: str = "",
    public: str = "",
    description: str = "",
    search_query: str = "",
    service: Any = None,
    referral: Any = None,
    support_request: Any = None,
    case: Any = None,
) -> UnmetNeed:
    """Record that no adequate service answered a need (from a search, a referral or by
    hand). The caller has checked access to the request or case it links."""
    errors = {}
    if life_domain not in LifeDomain.values:
        errors["life_domain"] = _("Choose the life domain of the need.")
    if reason not in UnmetNeed.Reason.values:
        errors["reason"] = _("Choose why no service answered the need.")
    if age_band and age_band not in UnmetNeed.AgeBand.values:
        errors["age_band"] = _("Choose an age band from the list.")
    if errors:
        raise ValidationError(errors)
    if case is not None and support_request is None:
        support_request = case.support_request  # the person's file reaches it either way
    person = case.person_id if case else support_request.person_id if support_request else None
    with transaction.atomic():
        need = UnmetNeed.objects.create(
            life_domain=life_domain,
            reason=reason,
            commune=commune,
            age_band=age_band,
            public=public[:200],
            description=description,
            search_query=search_query[:500],
            service=service,
            referral=referral,
            support_request=support_request,
            case=case,
            recorded_by=by,
        )
        coverage.add_unmet_need(life_domain, commune)
        audit.record(
            by,
            "unmet_need.recorded",
            person=person,
            case=case,
            target=need,
            part="orientation" if person else "",
        )
    return need
