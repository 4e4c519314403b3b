"""Partner pages: activation from an invitation, the list of persons, one person's
shared file, a journal entry, an update of an action, the minutes addressed to them; and,
among the network's pages, the case manager's invitation of an actor.

Every read goes through `maillage.access.partner`, which filters by the categories the
consent in force shares with the partner, recomputed on each request.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.access import partner as scoped
from maillage.categories import Category
from maillage.conferences import minutes
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions
from .forms import ActivationForm, PartnerActionForm, PartnerJournalForm
from .models import PartnerInvitation

# The latest journal entries a partner's page shows.
PAGE_JOURNAL = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The persons whose network the user belongs to as a partner (maybe none)."""
    return render(request, "partners/home.html", {"scopes": access.partner_cases(request)})


@require_GET
def case_page(request: HttpRequest, case_id: UUID) -> HttpResponse:
    shared = access.get_shared_case(request, case_id, journal_limit=PAGE_JOURNAL)
    return render(request, "partners/case.html", case_context(shared))


def case_context(shared: scoped.SharedCase) -> dict[str, Any]:
    scope = shared.scope
    labels = dict(Category.choices)
    return {
        "scope": scope,
        "case": scope.case,
        "person": scope.case.person,
        "identity": scope.reads(Category.IDENTITY),
        "contact": scope.reads(Category.CONTACT),
        "category_labels": [str(labels[c]) for c in Category.values if c in scope.categories],
        "journal": shared.journal,
        "assessment": shared.assessment,
        "domains": shared.domains,
        "goals": shared.goals,
        "actions": shared.actions,
        "readable_goal_ids": shared.readable_goal_ids,
        "crisis_plan": shared.crisis_plan,
        "network": shared.network,
        "invitations": shared.invitations,
    }


@require_http_methods(["GET", "POST"])
def journal_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    scope = access.get_partner_case(request, case_id, to_change=True)
    form = PartnerJournalForm(request.POST or None, categories=scope.categories)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_journal_entry(scope, by=request.user, **form.entry_fields())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your journal entry was saved."))
            return redirect("partners:case", case_id=scope.case.pk)
    context = {"scope": scope, "case": scope.case, "form": form}
    return render(request, "partners/journal_form.html", context)


@require_http_methods(["GET", "POST"])
def action_update(request: HttpRequest, action_id: UUID) -> HttpResponse:
    scope, action = scoped.get_action(request, action_id)
    form = PartnerActionForm(request.POST or None, initial=PartnerActionForm.initial_for(action))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_action(
                scope,
                action,
                by=request.user,
                version=data["version"],
                status=data["status"],
                follow_up=data["follow_up"],
                due_on=data["due_on"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
            action.refresh_from_db()
        else:
            messages.success(request, _("The action was updated."))
            return redirect("partners:case", case_id=scope.case.pk)
    context = {"scope": scope, "case": scope.case, "action": action, "form": form}
    return render(request, "partners/action_form.html", context)


@require_GET
def minutes_page(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    scope, invitation = scoped.get_minutes(request, conference_id)
    content = minutes.minutes_for(invitation.conference, invitation)
    context = {"scope": scope, "case": scope.case, "invitation": invitation, "minutes": content}
    return render(request, "partners/minutes.html", context)


@require_GET
def minutes_pdf(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    _scope, invitation = scoped.get_minutes(request, conference_id)
    return minutes.pdf_response(
        request, invitation.conference, invitation, translation.get_language()
    )


# Activation from the invitation link


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, token: str) -> HttpResponse:
    """Create the account (or, signed in, link this network to it), then TOTP setup."""
    invitation = PartnerInvitation.objects.find(token)
    problem = actions.invitation_problem_on_use(invitation)
    if problem:
        return render(request, "partners/activate_invalid.html", {"problem": problem}, status=410)
    assert invitation is not None
    if request.user.is_authenticated:
        return _link_existing(request, invitation)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.activate_partner(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Your account is ready. Now set up two-factor authentication to protect it."),
            )
            setup = reverse("accounts:setup_2fa")
            return redirect(f"{setup}?next={reverse('partners:home')}")
    context = {"invitation": invitation, "form": form, "token": token}
    return render(request, "partners/activate.html", context)


def _link_existing(request: HttpRequest, invitation: PartnerInvitation) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            actions.link_partner(invitation, user=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("This person's network was added to your account."))
            return redirect("partners:home")
    context = {"invitation": invitation, "error": error}
    return render(request, "partners/activate_link.html", context, status=400 if error else 200)


# The case manager's side, on the network's pages (mounted under the "network" namespace
# by maillage/urls.py).


@require_POST
def invite_partner(request: HttpRequest, case_id: UUID, actor_id: UUID) -> HttpResponse:
    """Email a formal actor a link to activate their partner access (docs/partners.md)."""
    case = access.get_case(request, case_id, to_change=True)
    actor = get_object_or_404(case.actors.select_related("case"), pk=actor_id)
    try:
        actions.invite_partner(actor, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": actor.email}
        )
    return redirect("network:edit", case_id=case.pk, actor_id=actor.pk)
