"""Scheduling a case conference and inviting the network: every write, and the few
reads the scheduling pages need.

Invitations travel by email, in the clear: they carry the date, the place or video
link and the case manager's name, never the person's name or any case content
(`emails.py`, `ical.py`). Each email is recorded with the change (`maillage.mail`) and
sent by a job once it commits, with retries: a refused mail server never fails the
request. An invitation is marked as sent when its email is recorded.

A conference may also be planned in the past, to record a meeting after the fact: it
is not announced (no email), its participants are added as invitations, and it can be
closed at once (`meeting.hold_conference`).
"""

import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import access, audit, mail
from maillage.accounts.models import Role, User
from maillage.cases.models import Case
from maillage.consent.rules import consent_in_force, sharing_allowed
from maillage.links import normalise_link
from maillage.network.models import Actor
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice
from maillage.versioning import StaleVersion, bump_version

from . import emails
from .models import CalendarFeed, Conference, FundingScheme, Invitation

# What a reschedule may change; the first four are what the invitees are told.
SCHEDULE_FIELDS = ("starts_at", "duration_minutes", "place", "video_link")
EDITABLE_FIELDS = (*SCHEDULE_FIELDS, "facilitator", "funding_scheme")
LONGEST_MINUTES = 8 * 60
ANSWERS = (Invitation.Answer.YES, Invitation.Answer.NO, Invitation.Answer.MAYBE)
# Team roles that keep a calendar of conferences (they hold, lead or organise cases).
CALENDAR_ROLES = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD, Role.CONFERENCE_ORGANISER})


# Writes


@transaction.atomic
def schedule_conference(
    case: Case,
    *,
    by: User,
    starts_at: datetime,
    duration_minutes: int,
    place: str,
    video_link: str,
    facilitator: User | None = None,
    funding_scheme: FundingScheme | None = None,
) -> Conference:
    """Plan a conference of the case's network, organised by `by`."""
    access.require(by, "conference.manage", case)
    conference = Conference(
        case=case,
        organiser=by,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        place=(place or "").strip(),
        video_link=normalise_link(video_link),
        facilitator=facilitator,
        funding_scheme=funding_scheme,
    )
    _check(conference)
    conference.save(force_insert=True)
    _record(by, "conference.scheduled", conference, changes=_filled(conference))
    return conference


@transaction.atomic
def update_conference(
    conference: Conference, *, by: User, version: int | None, **fields: Any
) -> Conference:
    """Change a planned conference. A new date, duration or place raises the iCalendar
    SEQUENCE and sends an update to everyone already invited."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable on a conference: {sorted(unknown)}")
    _require_planned(conference, by)
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "video_link" in fields:
        fields["video_link"] = normalise_link(fields["video_link"])
    changed = [name for name, value in fields.items() if getattr(conference, name) != value]
    if not changed:
        if version is not None and version != conference.version:
            raise StaleVersion(conference.version)
        return conference
    for name in changed:
        setattr(conference, name, fields[name])
    _check(conference)
    bump_version(conference, version)
    rescheduled = any(name in SCHEDULE_FIELDS for name in changed)
    if rescheduled:
        conference.ical_sequence += 1
        changed.append("ical_sequence")
    conference.save(update_fields=[*changed, "updated_at"])
    verb = "conference.rescheduled" if rescheduled else "conference.changed"
    _record(by, verb, conference, changes=changed)
    if rescheduled:
        already = [i for i in _invitations(conference) if i.sent_at is not None]
        _send(conference, _still_expected(conference, already), by=by, method="REQUEST")
    return conference


def _still_expected(conference: Conference, invitations: list[Invitation]) -> list[Invitation]:
    """Who hears of a new date: actors still in the network, and no professional once the
    person has refused or withdrawn their consent (they learn nothing more)."""
    today = timezone.localdate()
    consent = consent_in_force(conference.case)
    refused = consent is not None and not sharing_allowed(consent)
    return [
        invitation
        for invitation in invitations
        if invitation.actor.is_current(today)
        and not (refused and invitation.actor.kind == Actor.Kind.FORMAL)
    ]


@transaction.atomic
def cancel_conference(conference: Conference, *, by: User, reason: str) -> Conference:
    """Cancel a planned conference and tell everyone already invited (METHOD:CANCEL).

    The reason goes into the email: the form says to write nothing about the person.
    """
    _require_planned(conference, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the conference is cancelled.")})
    bump_version(conference, None)
    conference.status = Conference.Status.CANCELLED
    conference.ical_sequence += 1
    conference.save(update_fields=["status", "ical_sequence", "updated_at"])
    _record(by, "conference.cancelled", conference, changes=["status", "ical_sequence"])
    already = [i for i in _invitations(conference) if i.sent_at is not None]
    _send(conference, already, by=by, method="CANCEL", reason=reason)
    return conference


@transaction.atomic
def invite(conference: Conference, *, by: User, actors: list[Actor]) -> list[Invitation]:
    """Invite current actors of the conference's case (the person and carers too);
    to a meeting in the past, also those who have left the network since.

    Each invitation takes the actor's email and language (French by default); actors
    already invited keep their invitation. Nothing is sent yet (`send_invitations`).
    """
    _require_planned(conference, by)
    for actor in actors:
        if actor.case_id != conference.case_id or not may_be_invited(actor, conference):
            raise ValidationError(
                {"actors": _("Invite only actors in the current network of this case.")}
            )
    existing = {i.actor_id: i for i in conference.invitations.all()}
    invitations = []
    for actor in actors:
        invitation = existing.get(actor.pk)
        if invitation is None:
            invitation = Invitation(
                conference=conference,
                actor=actor,
                email=_email_of(actor),
                language=_language_of(actor),
            )
            invitation.save(force_insert=True)
            existing[actor.pk] = invitation
            _record(
                by,
                "invitation.created",
                conference,
                target=invitation,
                changes=["actor", "email", "language"],
            )
        invitations.append(invitation)
    return invitations


@transaction.atomic
def send_invitations(conference: Conference, *, by: User) -> list[Invitation]:
    """Email each invitee with an address who has not been sent the current version yet:
    the invitation in their language, with `invitation.ics` (METHOD:REQUEST). Nothing
    is sent for a meeting that has already started (`already_started`)."""
    _require_planned(conference, by)
    due = [
        invitation
        for invitation in _invitations(conference)
        if invitation.email and invitation.sent_sequence != conference.ical_sequence
    ]
    return _send(conference, due, by=by, method="REQUEST")


@transaction.atomic
def answer_invitation(invitation: Invitation, answer: str) -> Invitation:
    """Record the invitee's answer (yes, no, maybe), given through their personal link."""
    if answer not in ANSWERS:
        raise ValidationError({"answer": _("Answer yes, no or maybe.")})
    conference = invitation.conference
    if conference.status != Conference.Status.PLANNED:
        raise ValidationError(_("This conference is no longer planned: it cannot be answered."))
    invitation.answer = answer
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    # Nobody is signed in: the holder of the link answers.
    _record(None, "invitation.answered", conference, target=invitation, changes=["answer"])
    recipients = [conference.organiser_id, *notifications.workers_of(conference.case)]
    url = reverse("conferences:detail", kwargs={"conference_id": conference.pk})
    notifications.notify(
        recipients,
        Notice.INVITATION_ANSWERED,
        url=url,
        case_id=conference.case_id,
        exclude=invitation.actor.user_id,
    )
    return invitation


@transaction.atomic
def renew_calendar_feed(*, by: User) -> CalendarFeed:
    """Give the user a new secret feed address; the old one stops working."""
    require_calendar(by)
    feed, created = CalendarFeed.objects.get_or_create(user=by)
    if not created:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    audit.record(by, "calendar_feed.renewed", target=feed, changes=["token"])
    return feed


# Reads


def conferences_of(case: Case) -> QuerySet[Conference]:
    """The case's conferences, newest first, with their invitation counts."""
    return (
        case.conferences.select_related("organiser", "facilitator", "funding_scheme")
        .annotate(
            invited=Count("invitations", distinct=True),
            accepted=Count(
                "invitations", filter=Q(invitations__answer=Invitation.Answer.YES), distinct=True
            ),
        )
        .order_by("-starts_at", "pk")
    )


def invitations_of(conference: Conference) -> QuerySet[Invitation]:
    return conference.invitations.select_related("actor").order_by(
        "actor__kind", "actor__name", "pk"
    )


def invitable_actors(conference: Conference) -> list[Actor]:
    """The case's current network — the person, the workers, formal and informal
    actors — and, for a meeting in the past, those who were in it on that day."""
    return [
        a
        for a in conference.case.actors.select_related("user").order_by("kind", "name")
        if may_be_invited(a, conference)
    ]


def may_be_invited(actor: Actor, conference: Conference) -> bool:
    """In the network today, or on the day of a meeting in the past (recorded after
    the fact: someone who has left since was there). Dates in the network are often
    those of data entry, so being in it today is enough."""
    if actor.is_current(timezone.localdate()):
        return True
    day = timezone.localdate(conference.starts_at)
    return already_started(conference) and actor.is_current(day)


def facilitators_for(case: Case) -> QuerySet[User]:
    """Users who may facilitate: those who may manage the case's conferences."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__team_id=case.team_id,
            memberships__role__in=CALENDAR_ROLES,
            memberships__ended_at__isnull=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def facilitator_by_username(case: Case, username: str | None) -> User | None:
    if not username:
        return None
    user = facilitators_for(case).filter(username=username).first()
    if user is None:
        raise ValidationError(
            {"facilitator": _("Choose a facilitator who may manage this case's conferences.")}
        )
    return user


def funding_scheme_by_code(code: str | None) -> FundingScheme | None:
    if not code:
        return None
    scheme = FundingScheme.objects.filter(code=code, active=True).first()
    if scheme is None:
        raise ValidationError({"funding_scheme": _("Choose a funding scheme in use.")})
    return scheme


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation of a personal answer link, or None."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("conference", "conference__organiser")
        .filter(token=token)
        .first()
    )


def feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def feed_of(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user_id=user.pk).first()


def may_keep_calendar(user: Any) -> bool:
    """Case managers, team leads and conference organisers keep a calendar."""
    return bool(access.roles_of(user) & CALENDAR_ROLES)


def require_calendar(user: Any) -> None:
    if not may_keep_calendar(user):
        raise PermissionDenied


def upcoming_for(user: Any) -> QuerySet[Conference]:
    """Planned conferences to come of the cases the user holds, organises or facilitates
    (and may still see)."""
    mine = (
        Q(case__workers__user_id=user.pk, case__workers__ended_at__isnull=True)
        | Q(organiser_id=user.pk)
        | Q(facilitator_id=user.pk)
    )
    ids = (
        access.conferences_visible_to(user)
        .filter(mine, status=Conference.Status.PLANNED, starts_at__gte=timezone.now())
        .values("pk")
    )
    return Conference.objects.filter(pk__in=ids).select_related("organiser").order_by("starts_at")


def already_started(conference: Conference) -> bool:
    """The meeting's start is past: it may be recorded after the fact and closed, and no
    invitation is sent for it."""
    return conference.starts_at <= timezone.now()


def case_manager_name(conference: Conference) -> str:
    """The name invitees see: the organiser when they hold the case, else the first of
    the case's current workers, else the organiser."""
    workers = [
        w.user
        for w in conference.case.workers.select_related("user").order_by("started_at", "pk")
        if w.ended_at is None
    ]
    if conference.organiser in workers or not workers:
        return str(conference.organiser)
    return str(workers[0])


# Rules


def _check(conference: Conference) -> None:
    errors: dict[str, list[str]] = {}
    try:
        conference.full_clean(
            exclude=["case", "organiser", "ical_uid", "reference_person", "next_conference"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    for field, message in _rule_errors(conference):
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def _rule_errors(conference: Conference) -> list[tuple[str, str]]:
    found = []
    if not conference.place and not conference.video_link:
        found.append(("place", _("Give a place or a video link.")))
    if not 15 <= (conference.duration_minutes or 0) <= LONGEST_MINUTES:
        found.append(("duration_minutes", _("Give a duration between 15 minutes and 8 hours.")))
    facilitator = conference.facilitator
    if facilitator is not None and not access.can(
        facilitator, "conference.manage", conference.case
    ):
        found.append(
            ("facilitator", _("Choose a facilitator who may manage this case's conferences."))
        )
    if conference.funding_scheme is not None and not conference.funding_scheme.active:
        found.append(("funding_scheme", _("This funding scheme is no longer in use.")))
    return found


def _require_planned(conference: Conference, by: User) -> None:
    access.require(by, "conference.manage", conference.case)
    if conference.status != Conference.Status.PLANNED:
        raise ValidationError(_("This conference is no longer planned: it cannot change."))


def _filled(conference: Conference) -> list[str]:
    return [name for name in EDITABLE_FIELDS if getattr(conference, name)]


def _email_of(actor: Actor) -> str:
    if actor.email:
        return actor.email
    return actor.user.email if actor.user is not None else ""


def _language_of(actor: Actor) -> str:
    if actor.language:
        return actor.language
    if actor.user is not None and actor.user.language:
        return actor.user.language
    return "fr"


def _invitations(conference: Conference) -> list[Invitation]:
    return list(conference.invitations.select_related("actor"))


def _send(
    conference: Conference,
    invitations: list[Invitation],
    *,
    by: User,
    method: str,
    reason: str = "",
) -> list[Invitation]:
    """Email each invitation (those with an address) and record what was sent; the
    emails leave after the commit (`maillage.mail`).

    A meeting that has already started is recorded, not announced: no invitation nor
    update is sent for it (a cancellation still is, to those who were told of it)."""
    if method == "REQUEST" and already_started(conference):
        return []
    manager = case_manager_name(conference)
    sent = []
    for invitation in invitations:
        if not invitation.email:
            continue
        message = emails.invitation_message(
            invitation,
            conference=conference,
            method=method,
            manager=manager,
            reason=reason,
        )
        about = "conference.cancellation" if method == "CANCEL" else "conference.invitation"
        mail.send(message, about=about)
        invitation.sent_at = timezone.now()
        invitation.sent_sequence = conference.ical_sequence
        invitation.save(update_fields=["sent_at", "sent_sequence"])
        _record(by, "invitation.sent", conference, target=invitation, changes=["sent_at"])
        sent.append(invitation)
    return sent


def _record(
    by: User | None,
    verb: str,
    conference: Conference,
    *,
    target: Any = None,
    changes: list[str] | None = None,
) -> None:
    audit.record(
        by,
        verb,
        person=conference.case.person_id,
        case=conference.case_id,
        target=target if target is not None else conference,
        part="conferences",
        changes=changes or [],
    )
