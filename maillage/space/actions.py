"""Every write of the person's space: invitations, activation, consent wishes.

Each action runs in a transaction and records itself in the audit trail.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit, tokens
from maillage.accounts.models import User
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice
from maillage.versioning import bump_version

from .models import (
    ConsentWish,
    Relation,
    SpaceAccount,
    SpaceInvitation,
    new_code,
    normalise_code,
)


@dataclass(frozen=True)
class Issued:
    """A new invitation with its secrets in clear: shown or sent once, never stored."""

    invitation: SpaceInvitation
    token: str
    code: str


def invite(
    case: Case,
    *,
    by: User,
    email: str = "",
    relation: str = Relation.SELF,
    representative_name: str = "",
    representative_capacity: str = "",
) -> Issued:
    """A single-use invitation to the person's space, for an open case.

    Earlier invitations still waiting are cancelled: only the newest letter or link works.
    """
    if case.phase == Case.Phase.CLOSED:
        raise ValidationError(_("The case is closed: no new invitation can be made."))
    if relation == Relation.REPRESENTATIVE and not representative_name.strip():
        raise ValidationError({"representative_name": _("Give the legal representative's name.")})
    token, code = tokens.new_token(), new_code()
    now = timezone.now()
    with transaction.atomic():
        SpaceInvitation.objects.usable().filter(person_id=case.person_id).update(revoked_at=now)
        invitation = SpaceInvitation.objects.create(
            case=case,
            person_id=case.person_id,
            relation=relation,
            representative_name=representative_name.strip() if relation != Relation.SELF else "",
            representative_capacity=(
                representative_capacity.strip() if relation != Relation.SELF else ""
            ),
            email=email.strip(),
            token_digest=tokens.keyed_digest(token),
            code_digest=tokens.keyed_digest(code),
            expires_at=now + timedelta(days=settings.SPACE_INVITATION_DAYS),
            created_by=by,
        )
        audit.record(
            by,
            "space.invited",
            person=case.person_id,
            case=case,
            target=invitation,
            changes=["email"] if email else ["printed_code"],
        )
    return Issued(invitation, token, code)


def find_by_token(token: str) -> SpaceInvitation | None:
    return SpaceInvitation.objects.filter(token_digest=tokens.keyed_digest(token)).first()


def find_by_id(invitation_id: str) -> SpaceInvitation | None:
    try:
        return SpaceInvitation.objects.filter(pk=invitation_id).first()
    except ValidationError:  # not a UUID
        return None


def find_by_code(code: str) -> SpaceInvitation | None:
    code = normalise_code(code)
    if not code:
        return None
    return SpaceInvitation.objects.filter(code_digest=tokens.keyed_digest(code)).first()


def check_usable(invitation: SpaceInvitation | None) -> None:
    """Raise a ValidationError with a clear message unless the invitation can be used."""
    if invitation is None:
        raise ValidationError(_("This code is not valid. Check it and try again."))
    if invitation.used_at is not None:
        raise ValidationError(
            _("This invitation was already used. Ask your case manager for a new one.")
        )
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation was replaced by a newer one. Use the newest letter or email.")
        )
    if invitation.is_expired():
        raise ValidationError(
            _("This invitation has expired. Ask your case manager for a new one.")
        )


def activate(
    invitation: SpaceInvitation, *, username: str, password: str, language: str
) -> SpaceAccount:
    """Create the account of the person (or representative) and use up the invitation."""
    with transaction.atomic():
        invitation = SpaceInvitation.objects.select_for_update().get(pk=invitation.pk)
        check_usable(invitation)
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("This name is taken. Choose another one.")})
        person = invitation.person
        user = User(username=username, language=language, is_person_account=True)
        if invitation.relation == Relation.SELF:
            user.first_name, user.last_name = person.given_name, person.family_name
        else:
            user.first_name = invitation.representative_name[:150]
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.email = invitation.email
        user.save()
        account = SpaceAccount.objects.create(
            user=user,
            person=person,
            relation=invitation.relation,
            representative_name=invitation.representative_name,
            representative_capacity=invitation.representative_capacity,
            created_by=invitation.created_by,
        )
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        audit.record(
            user,
            "space.activated",
            person=person,
            case=invitation.case_id,
            target=account,
            changes=["user"],
        )
    return account


def end_account(account: SpaceAccount, *, by: User) -> None:
    """Close a space account: the user can no longer sign in."""
    with transaction.atomic():
        account.ended_at = timezone.now()
        account.save(update_fields=["ended_at"])
        account.user.is_active = False
        account.user.save(update_fields=["is_active"])
        audit.record(
            by, "space.ended", person=account.person_id, target=account, changes=["ended_at"]
        )


def ask_consent_change(
    case: Case, *, by: User, text: str, actor: Actor | None = None, category: str = ""
) -> ConsentWish:
    """The person's wish to change their consent, for their case manager."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Say in a few words what you would like to change.")})
    if actor is not None and actor.case_id != case.pk:
        raise ValidationError({"actor": _("Choose someone from your network.")})
    with transaction.atomic():
        wish = ConsentWish.objects.create(
            case=case, text=text, actor=actor, category=category, created_by=by
        )
        audit.record(
            by,
            "consent.wish_recorded",
            person=case.person_id,
            case=case,
            target=wish,
            part="consents",
            changes=["text", *(["actor"] if actor else []), *(["category"] if category else [])],
        )
        url = reverse("consent:list", kwargs={"case_id": case.pk})
        notifications.notify(
            notifications.workers_of(case),
            Notice.CONSENT_WISH,
            url=url,
            case_id=case.pk,
            exclude=by,
        )
    return wish


def answer_wish(
    wish: ConsentWish, *, by: User, status: str, note: str = "", version: int | None = None
) -> ConsentWish:
    """Confirm or decline a wish, after talking it over with the person. Confirming does
    not change the consent: the new consent is recorded through the consent pages."""
    if status not in (ConsentWish.Status.CONFIRMED, ConsentWish.Status.DECLINED):
        raise ValidationError({"status": _("Choose confirmed or declined.")})
    if status == ConsentWish.Status.DECLINED and not note.strip():
        raise ValidationError({"note": _("Say why, in words the person understands.")})
    with transaction.atomic():
        bump_version(wish, version)
        wish.status = status
        wish.note = note.strip()
        wish.answered_by = by
        wish.answered_at = timezone.now()
        wish.save(update_fields=["status", "note", "answered_by", "answered_at"])
        audit.record(
            by,
            f"consent.wish_{status}",
            person=wish.case.person_id,
            case=wish.case_id,
            target=wish,
            part="consents",
            changes=["status", "note"],
        )
    return wish
