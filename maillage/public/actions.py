"""Every write of requests from outside: send, release or purge a set-aside submission,
invite a colleague and let them join, tell the requester the answer.

The request itself is written by `intake.actions.record_request` (channel "public_form",
no user); the deadline runs from the moment of sending, also for a submission set aside
as spam and released later.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from maillage import audit, tokens
from maillage.accounts.models import User
from maillage.intake import actions as intake_actions
from maillage.intake.models import STATED_AGE, Requester, SupportRequest
from maillage.programmes.facts import FACTS
from maillage.screening import actions as screening
from maillage.territory.communes import BY_NIS, OUTSIDE

from . import emails, fit
from .models import CoRequesterInvitation, PublicSubmission

INVITATION_DAYS = 14
MAX_INVITATIONS = 10  # per submission: a link is not a way to send mail to anyone


def _contact(requester: dict[str, Any]) -> str:
    return " · ".join(part for part in (requester.get("email"), requester.get("phone")) if part)[
        :200
    ]


def check(data: dict[str, Any]) -> None:
    """The rules of a submission beyond types and lengths; errors named by dotted path."""
    errors: dict[str, str] = {}
    requester, person = data["requester"], data["person"]
    if requester["kind"] == "professional" and not requester.get("organisation", "").strip():
        errors["requester.organisation"] = _("Give the name of your organisation.")
    if not (requester.get("email") or requester.get("phone")):
        errors["requester.email"] = _("Give an email address or a phone number to reach you.")
    born = parse_date(person["birth_date"]) if person.get("birth_date") else None
    if born is not None and born > timezone.localdate():
        errors["person.birth_date"] = _("The birth date cannot be in the future.")
    residence = person.get("residence") or ""
    if residence and residence != OUTSIDE and residence not in BY_NIS:
        errors["person.residence"] = _(
            "Choose a Brussels commune, “outside Brussels” or “I don't know”."
        )
    if data["consent"] != "agrees" and not data.get("consent_reason", "").strip():
        errors["consent_reason"] = _("Say why the person does not know or does not agree.")
    try:
        check_facts(data.get("facts", {}))
    except ValidationError as error:
        errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)


def check_facts(facts: dict[str, Any]) -> None:
    """Only the facts of the vocabulary, each with one of its values."""
    errors = {
        f"facts.{key}": _("Unknown fact “%(key)s”.") % {"key": key}
        for key in facts
        if key not in FACTS
    }
    try:
        intake_actions.clean_facts(facts)
    except ValidationError as error:
        errors.update({field: messages[0] for field, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit(
    data: dict[str, Any],
    *,
    language: str,
    signal: str = "",
    spam: bool = False,
    spam_reasons: list[str] | None = None,
    now: datetime | None = None,
) -> tuple[PublicSubmission, str, str]:
    """Save what was sent and, unless set aside as spam, the request in its team's queue.

    Returns the submission, the secret of its status link (shown once, emailed) and how
    the programme was chosen ("chosen", "fits" or "default"). The person is always a new
    record: the public never learns whether someone is already known.
    """
    check(data)
    programme, how = fit.choose(data, fit.open_programmes())
    if programme is None:
        raise ValidationError({"programme": _("Choose one of the programmes offered.")})
    token = tokens.new_token()
    requester = data["requester"]
    submission = PublicSubmission.objects.create(
        programme=programme,
        chosen_programme=data.get("programme") or "",
        data=data,
        email=requester.get("email") or "",
        language=language if language in ("fr", "nl", "en") else "fr",
        token_hash=tokens.digest(token),
        spam=spam,
        spam_reasons=list(spam_reasons or []),
        submitted_at=now or timezone.now(),
    )
    if not spam:
        from_signal = bool(signal) and screening.facts_of(signal) is not None
        _record_request(
            submission,
            channel=SupportRequest.Channel.SIGNAL
            if from_signal
            else SupportRequest.Channel.PUBLIC_FORM,
        )
        if from_signal:
            screening.attach(signal, submission.support_request)
    audit.record(
        None,
        "public.request_submitted",
        person=submission.support_request.person_id if submission.support_request else None,
        target=submission,
    )
    emails.acknowledge(submission, token=token, answer_due=answer_due(submission))
    return submission, token, how


def answer_due(submission: PublicSubmission) -> datetime | None:
    """From the moment of sending, also while the submission is set aside."""
    if submission.support_request is not None:
        return submission.support_request.answer_due
    return submission.programme.answer_due(submission.submitted_at)


def _record_request(
    submission: PublicSubmission, channel: str = SupportRequest.Channel.PUBLIC_FORM
) -> SupportRequest:
    data = submission.data
    requester, person = data["requester"], data["person"]
    facts = dict(data.get("facts", {}))
    if not person.get("birth_date") and person.get("age") is not None:
        facts[STATED_AGE] = person["age"]
    is_person = requester["kind"] == Requester.Kind.PERSON
    name = f"{person['given_name']} {person['family_name']}" if is_person else requester["name"]
    colleagues = [
        intake_actions.RequesterData(
            kind=Requester.Kind.PROFESSIONAL,
            name=i.name,
            organisation=i.organisation,
            sector=i.sector,
            contact=i.contact,
        )
        for i in submission.invitations.filter(confirmed_at__isnull=False).order_by("confirmed_at")
    ]
    support_request = intake_actions.record_request(
        by=None,
        programme=submission.programme,
        new_person={
            "given_name": person["given_name"],
            "family_name": person["family_name"],
            "birth_date": parse_date(person["birth_date"]) if person.get("birth_date") else None,
            "residence": person.get("residence") or "",
        },
        requesters=[
            intake_actions.RequesterData(
                kind=requester["kind"],
                name=name[:200],
                organisation=requester.get("organisation", ""),
                sector=requester.get("sector", ""),
                contact=_contact(requester),
            ),
            *colleagues,
        ],
        facts=facts,
        summary="\n\n".join(t for t in (data.get("situation"), data.get("why_now")) if t),
        what_is_asked=data["what_is_asked"],
        channel=channel,
        received_at=submission.submitted_at,
    )
    submission.support_request = support_request
    submission.requester = support_request.requesters.order_by("pk").first()
    submission.save(update_fields=["support_request", "requester", "updated_at"])
    return support_request


# Set aside as spam: intake releases or purges


def _locked_set_aside(submission: PublicSubmission) -> PublicSubmission:
    locked = (
        PublicSubmission.objects.select_for_update().set_aside().filter(pk=submission.pk).first()
    )
    if locked is None:
        raise ValidationError(_("This submission is no longer set aside."), code="not_set_aside")
    return locked


@transaction.atomic
def release(submission: PublicSubmission, *, by: User) -> SupportRequest:
    """Not spam after all: the request enters the queue, received when it was sent."""
    submission = _locked_set_aside(submission)
    support_request = _record_request(submission)
    submission.spam = False
    submission.released_at = timezone.now()
    submission.save(update_fields=["spam", "released_at", "updated_at"])
    audit.record(
        by, "public.submission_released", person=support_request.person_id, target=submission
    )
    return support_request


@transaction.atomic
def purge(submission: PublicSubmission, *, by: User) -> None:
    """Spam indeed: deleted, with what it held; its status link answers 404 from now."""
    submission = _locked_set_aside(submission)
    audit.record(by, "public.submission_purged", target=submission)
    submission.delete()


# Colleagues of other organisations join the request


def may_invite(submission: PublicSubmission) -> bool:
    """A professional requester, while the request awaits its answer."""
    if not submission.is_professional:
        return False
    request = submission.support_request
    return request is None or request.is_open


@transaction.atomic
def invite_colleague(submission: PublicSubmission, *, email: str = "") -> str:
    """A single-use link for a colleague to join the request (emailed if an address is
    given); returns its secret, shown once to the requester."""
    if not may_invite(submission):
        raise ValidationError(
            _(
                "Only a professional requester may invite a colleague, while the request awaits its answer."
            )
        )
    if submission.invitations.count() >= MAX_INVITATIONS:
        raise ValidationError(
            {
                "email": _("You have already invited %(count)s colleagues.")
                % {"count": MAX_INVITATIONS}
            }
        )
    token = tokens.new_token()
    invitation = CoRequesterInvitation.objects.create(
        submission=submission,
        token_hash=tokens.digest(token),
        email=email,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit.record(None, "public.colleague_invited", target=submission)
    if email:
        emails.invite(invitation, token=token)
    return token


def invitation_state(invitation: CoRequesterInvitation) -> str:
    """ "valid", "used", "expired" or "closed" (the request was answered or purged)."""
    if invitation.confirmed_at is not None:
        return "used"
    if invitation.expires_at <= timezone.now():
        return "expired"
    request = invitation.submission.support_request
    if request is not None and not request.is_open:
        return "closed"
    return "valid"


def _organisations(submission: PublicSubmission) -> set[str]:
    """The organisations of the professional requesters so far (case and spaces ignored)."""
    names = []
    if submission.support_request is not None:
        names = [
            r.organisation
            for r in submission.support_request.requesters.all()
            if r.kind == Requester.Kind.PROFESSIONAL
        ]
    else:
        names = [submission.data.get("requester", {}).get("organisation", "")]
        names += [i.organisation for i in submission.invitations.filter(confirmed_at__isnull=False)]
    return {name.strip().casefold() for name in names if name.strip()}


@transaction.atomic
def join(
    invitation: CoRequesterInvitation,
    *,
    name: str,
    organisation: str,
    sector: str = "",
    contact: str = "",
) -> CoRequesterInvitation:
    """The colleague confirms: they become a professional requester of the request and
    its criteria are evaluated again (Bru-Stars: a second organisation)."""
    invitation = CoRequesterInvitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation_state(invitation)
    if state != "valid":
        raise ValidationError(_("This invitation can no longer be used."), code=state)
    submission = invitation.submission
    if organisation.strip().casefold() in _organisations(submission):
        raise ValidationError(
            {
                "organisation": _(
                    "This organisation already asks: the colleague who joins must work "
                    "for another organisation."
                )
            }
        )
    invitation.name, invitation.organisation = name.strip(), organisation.strip()
    invitation.sector, invitation.contact = sector.strip(), contact.strip()
    invitation.confirmed_at = timezone.now()
    if submission.support_request is not None:
        invitation.requester = intake_actions.add_requester(
            submission.support_request,
            by=None,
            requester=intake_actions.RequesterData(
                kind=Requester.Kind.PROFESSIONAL,
                name=invitation.name,
                organisation=invitation.organisation,
                sector=invitation.sector,
                contact=invitation.contact,
            ),
        )
    invitation.save()
    audit.record(
        None,
        "public.colleague_joined",
        person=submission.support_request.person_id if submission.support_request else None,
        target=submission,
    )
    return invitation


# The answer


def tell_answer(support_request: SupportRequest) -> bool:
    """Email the requester that their request was answered, once, in their language
    (called when the request is answered; `send_due_answers` catches other paths)."""
    submission = PublicSubmission.objects.filter(support_request=support_request).only("pk").first()
    if submission is None:
        return False
    now = timezone.now()
    claimed = PublicSubmission.objects.filter(pk=submission.pk, answer_sent_at__isnull=True).update(
        answer_sent_at=now
    )
    if not claimed:
        return False
    submission = PublicSubmission.objects.select_related(
        "support_request__decision", "programme"
    ).get(pk=submission.pk)
    if not submission.email:
        return True
    token = tokens.new_token()
    submission.answer_token_hash = tokens.digest(token)
    submission.save(update_fields=["answer_token_hash", "updated_at"])
    emails.tell_answer(submission, token=token)
    return True


def send_due_answers() -> int:
    """The periodic job: answered public requests whose requester was not told yet (an
    answer recorded through a referral, for instance)."""
    due = PublicSubmission.objects.filter(
        answer_sent_at__isnull=True,
        support_request__status=SupportRequest.Status.ANSWERED,
    ).values_list("support_request_id", flat=True)[:200]
    told = 0
    for request_id in list(due):
        with transaction.atomic():
            support_request = SupportRequest.objects.get(pk=request_id)
            told += tell_answer(support_request)
    return told
