"""Consent pages: the consent in force and its history, record one, withdraw it, and
choose what one actor may receive when they join the network."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.cases.models import Case
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, presets, queries
from .forms import ConsentForm, ShareWithForm, WithdrawForm
from .rules import MISSING_CONSENT, consent_in_force, sharing_allowed


@require_GET
def consent_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The consent in force (or a warning that none allows sharing), then its history."""
    case = access.get_case(request, case_id, part="consents")
    consents = queries.consents_of(case)
    in_force = consents[0] if consents else None
    context = {
        "case": case,
        "person": case.person,
        "in_force": in_force,
        "history": consents[1:],
        "sharing_allowed": sharing_allowed(in_force),
        "missing_message": MISSING_CONSENT,
        "scope": queries.scope_table(in_force),
        "without_share": queries.actors_without_share(case, in_force),
        "pending_wishes": queries.pending_wishes(case),
        "can_change": access.can(request.user, "case.change", case),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "consent/list.html", context)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Record a consent, starting from the one in force (`?start=empty`: from nothing)."""
    case = _case_to_change(request, case_id)
    in_force = consent_in_force(case)
    start_from = None if request.GET.get("start") == "empty" else in_force
    initial = ConsentForm.initial_from(start_from, version=queries.consent_count(case))
    actors = queries.sharing_actors(case)
    data = request.POST if request.method == "POST" else None
    preset = presets.BY_CODE.get(request.POST.get("preset", ""))
    if preset is not None:
        # Without JavaScript a preset sends the form: show it again, filled in.
        initial = ConsentForm.initial_with_preset(request.POST, preset, actors=actors)
        data = None
    form = ConsentForm(data, initial=initial, actors=actors)
    if data is not None and form.is_valid():
        try:
            actions.record_consent(
                case,
                by=request.user,
                status=form.cleaned_data["status"],
                method=form.cleaned_data["method"],
                decided_by=form.cleaned_data["decided_by"],
                justification=form.cleaned_data["justification"],
                notes=form.cleaned_data["notes"],
                shares=form.shares(),
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_error(None, stale.message)
            # Keep what the user chose; saving again applies it over the new record.
            form.data = form.data.copy()
            form.data["version"] = str(stale.current_version)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The consent was recorded; it is in force from now."))
            return redirect("consent:list", case_id=case.pk)
    context = {
        "case": case,
        "person": case.person,
        "form": form,
        "in_force": in_force,
        "prefilled": request.method == "GET" and sharing_allowed(start_from),
        "presets": presets.PRESETS,
        "preset_applied": preset,
    }
    return render(request, "consent/new.html", context)


@require_http_methods(["GET", "POST"])
def share_with(request: HttpRequest, case_id: UUID, actor_id: UUID) -> HttpResponse:
    """What one actor may receive: a new version of the consent in force, with the same
    decision and this actor's share. Offered when an actor joins the network (`?back=network`):
    back to the network at once when there is nothing to offer."""
    case = _case_to_change(request, case_id)
    actor = get_object_or_404(queries.sharing_actors_qs(case), pk=actor_id)
    in_force = consent_in_force(case)
    back = "consent" if request.GET.get("back", request.POST.get("back")) == "consent" else ""
    back_url = reverse("consent:list" if back else "network:list", kwargs={"case_id": case.pk})
    joined = request.method == "GET" and request.GET.get("back") == "network"
    if joined and not queries.offers_share(case, actor):
        return redirect(back_url)
    initial = ShareWithForm.initial_for(in_force, actor, version=queries.consent_count(case))
    data = request.POST if request.method == "POST" else None
    preset = presets.BY_CODE.get(request.POST.get("preset", ""))
    if preset is not None:
        initial = {**initial, **ShareWithForm.initial_with_preset(request.POST, preset, actor)}
        data = None
    form = ShareWithForm(data, initial={**initial, "back": back}, actor=actor)
    if data is not None and form.is_valid():
        try:
            actions.share_with_actor(
                case,
                by=request.user,
                actor=actor,
                categories=form.cleaned_data["categories"],
                method=form.cleaned_data["method"],
                notes=form.cleaned_data["notes"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            form.add_error(None, stale.message)
            form.data = form.data.copy()
            form.data["version"] = str(stale.current_version)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("What %(name)s may receive is recorded; the consent is in force from now.")
                % {"name": actor},
            )
            return redirect(back_url)
    context = {
        "case": case,
        "person": case.person,
        "actor": actor,
        "form": form,
        "in_force": in_force,
        "sharing_allowed": sharing_allowed(in_force),
        "missing_message": MISSING_CONSENT,
        "back_url": back_url,
        "presets": [p for p in presets.PRESETS if p is not presets.NOTHING],
        "preset_applied": preset,
    }
    return render(request, "consent/share_with.html", context)


@require_POST
def withdraw(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Withdraw consent at once (one click, confirmed in the browser)."""
    case = access.get_case(request, case_id, to_change=True)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("consent:list", case_id=case.pk)
    try:
        actions.withdraw_consent(case, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Consent was withdrawn: nothing is shared from now on."))
    return redirect("consent:list", case_id=case.pk)


def _case_to_change(request: HttpRequest, case_id: UUID) -> Case:
    """The case for the consent form: 403 for readers who may not change it.

    The form shows the consent in force, so showing it is an audited read."""
    if request.method == "POST":
        return access.get_case(request, case_id, to_change=True)
    case = access.get_case(request, case_id, part="consents")
    access.require(request.user, "case.change", case)
    return case
