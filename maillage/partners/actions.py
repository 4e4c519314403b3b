"""Every write of the partner feature: invite, activate or link an account, and the
partner's own writes (a journal entry, an update of an action they own), which go
through the existing case and plan actions."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage import audit, mail, tokens
from maillage.access.partner import PartnerScope, neutral_label, owns
from maillage.accounts.models import Membership, Role, User
from maillage.cases import actions as case_actions
from maillage.cases.models import Case, JournalEntry
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.network.models import Actor
from maillage.notifications import actions as notifications
from maillage.notifications.models import Kind as Notice
from maillage.plans import actions as plan_actions
from maillage.plans.models import Action

from .models import PartnerInvitation, invitation_lifetime

# What a partner may change on an action they own.
ACTION_FIELDS = ("status", "follow_up", "due_on")


# Invitations


def invitation_problem(actor: Actor) -> str:
    """Why this actor cannot be invited as a partner now ("" when they can)."""
    if actor.kind != Actor.Kind.FORMAL:
        return _("Only professionals of the formal network can be invited as partners.")
    if actor.case.phase == Case.Phase.CLOSED:
        return _("This case is closed: nobody can be invited any more.")
    if not actor.is_current():
        return _("This actor is no longer in the network.")
    if not actor.email:
        return _("Record this actor's email address before inviting them.")
    if actor.user_id is not None:
        return _("This actor already has partner access.")
    if not shared_categories(consent_in_force(actor.case), actor):
        return _(
            "The consent in force shares nothing with this actor: record the person's "
            "consent first."
        )
    return ""


@transaction.atomic
def invite_partner(actor: Actor, *, by: User) -> PartnerInvitation:
    """Email the actor a single-use link to activate their partner access.

    An earlier invitation of the same actor that was not used expires at once.
    """
    problem = invitation_problem(actor)
    if problem:
        raise ValidationError(problem)
    now = timezone.now()
    actor.partner_invitations.filter(used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    raw = tokens.new_token()
    invitation = PartnerInvitation.objects.create(
        actor=actor,
        email=actor.email,
        digest=tokens.digest(raw),
        expires_at=now + invitation_lifetime(),
        created_by=by,
        created_at=now,
    )
    link = mail.site_url(reverse("partners:activate", kwargs={"token": raw}))
    message = _invitation_email(invitation, link)
    audit.record(
        by,
        "partner.invited",
        person=actor.case.person_id,
        case=actor.case_id,
        target=invitation,
        part="network",
        changes=["email", "expires_at"],
    )
    mail.send(message, about="partner.invitation")
    return invitation


def _invitation_email(invitation: PartnerInvitation, link: str) -> EmailMessage:
    """In the actor's language; it names no person (mail travels in the clear)."""
    actor = invitation.actor
    language = actor.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "actor": actor,
            "link": link,
            "expires_at": timezone.localtime(invitation.expires_at),
            "reference": neutral_label(actor.case),
            "team": actor.case.team,
        }
        subject = _("Your invitation to a person's network on Maillage")
        body = render_to_string("partners/invitation_email.txt", context)
    return EmailMessage(subject=subject, body=body, to=[invitation.email])


def invitation_problem_on_use(invitation: PartnerInvitation | None) -> str:
    if invitation is None:
        return _("This invitation link is not valid.")
    if invitation.used_at is not None:
        return _("This invitation link was already used: it works only once.")
    if invitation.expires_at <= timezone.now():
        return _(
            "This invitation link has expired. Ask the case manager who invited you for a new one."
        )
    return ""


@transaction.atomic
def activate_partner(
    invitation: PartnerInvitation,
    *,
    first_name: str,
    last_name: str,
    password: str,
) -> User:
    """Create the partner's account (user name: the invited email) and link it."""
    invitation = _lock(invitation)
    email = invitation.email.strip().lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(
            _("An account with this email already exists: sign in, then open the link again.")
        )
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language=invitation.actor.language,
        profession=invitation.actor.profession,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(user, "partner.account_created", target=user, changes=["username", "password"])
    _link(invitation, user)
    return user


@transaction.atomic
def link_partner(invitation: PartnerInvitation, *, user: User) -> Actor:
    """Link the invited actor to an existing partner's account (several networks)."""
    invitation = _lock(invitation)
    email = invitation.email.strip().lower()
    if email not in {user.email.strip().lower(), user.username.strip().lower()}:
        raise ValidationError(
            _(
                "This invitation was sent to another email address: sign out, then open "
                "the link again."
            )
        )
    from maillage.access import roles_of

    if roles_of(user) - {Role.PARTNER}:
        raise ValidationError(
            _("This account works in a team: partner access needs a partner account.")
        )
    return _link(invitation, user)


def _lock(invitation: PartnerInvitation) -> PartnerInvitation:
    locked = (
        PartnerInvitation.objects.select_for_update()
        .select_related("actor", "actor__case", "actor__case__team")
        .get(pk=invitation.pk)
    )
    problem = invitation_problem_on_use(locked)
    if problem:
        raise ValidationError(problem)
    return locked


def _link(invitation: PartnerInvitation, user: User) -> Actor:
    actor = Actor.objects.select_for_update().get(pk=invitation.actor_id)
    if actor.user_id not in (None, user.pk):
        raise ValidationError(_("This actor already has partner access."))
    actor.user = user
    actor.save(update_fields=["user", "updated_at"])
    invitation.used_at = timezone.now()
    invitation.used_by = user
    invitation.save(update_fields=["used_at", "used_by"])
    Membership.objects.get_or_create(user=user, team_id=actor.case.team_id, role=Role.PARTNER)
    audit.record(
        user,
        "partner.linked",
        person=actor.case.person_id,
        case=actor.case_id,
        target=actor,
        part="network",
        changes=["user"],
    )
    return actor


# The partner's own writes


def add_journal_entry(scope: PartnerScope, *, by: User, **fields: Any) -> JournalEntry:
    """A journal entry written by the partner, in a category they may read."""
    category = fields.get("category") or ""
    if not scope.reads(category):
        raise ValidationError({"category": _("Choose a category shared with you.")})
    return case_actions.add_journal_entry(scope.case, by=by, **fields)


@transaction.atomic
def update_action(
    scope: PartnerScope,
    action: Action,
    *,
    by: User,
    version: int | None,
    status: str | None = None,
    follow_up: str | None = None,
    due_on: date | None | str = "",
) -> Action:
    """Status, follow-up notes and date of an action the partner owns; the rest stays.

    `due_on=""` keeps the date (None clears it).
    """
    if not owns(scope, action):
        raise ValidationError(_("You can only update the actions you own."))
    if status is not None and status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    data = plan_actions.ActionData(
        what=action.what,
        owner=action.owner,
        with_actors=list(action.with_actors.all()),
        with_whom=action.with_whom,
        how=action.how,
        due_on=action.due_on if due_on == "" else due_on,  # type: ignore[arg-type]
        status=status if status is not None else action.status,
        goal=action.goal,
        follow_up=follow_up if follow_up is not None else action.follow_up,
        category=action.category,
    )
    before = [getattr(action, field) for field in ACTION_FIELDS]
    action = plan_actions.change_action(action, data, by=by, version=version)
    if [getattr(action, field) for field in ACTION_FIELDS] == before:
        return action  # saved unchanged: nothing to tell
    plan = reverse("plans:plan", kwargs={"case_id": scope.case.pk})
    notifications.notify(
        notifications.workers_of(scope.case),
        Notice.ACTION_UPDATED_BY_PARTNER,
        url=plan,
        case_id=scope.case.pk,
        exclude=by,
    )
    return action
