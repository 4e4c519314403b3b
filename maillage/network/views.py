"""Network pages: the actors of a case, adding, changing and ending one, the network map."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.cases.models import Case
from maillage.consent import queries as consent_queries
from maillage.partners import actions as partner_actions
from maillage.partners import queries as partner_queries
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, ecomap, queries, requesters
from .forms import ActorForm, EndActorForm
from .models import Actor

# The current network, in this order, under these headings (and this when empty).
KIND_SECTIONS = {
    Actor.Kind.PERSON: (gettext_lazy("The person"), gettext_lazy("Nobody.")),
    Actor.Kind.WORKER: (gettext_lazy("Case workers"), gettext_lazy("No case worker.")),
    Actor.Kind.FORMAL: (
        gettext_lazy("Formal network (professionals)"),
        gettext_lazy("No professional actor recorded yet."),
    ),
    Actor.Kind.INFORMAL: (
        gettext_lazy("Informal network (family, friends, neighbours, carers)"),
        gettext_lazy("No informal actor recorded yet."),
    ),
}


@require_GET
def actor_list(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case(request, case_id, part="network")
    today = timezone.localdate()
    actors = queries.actors_of(case)
    current = [a for a in actors if a.is_current(today)]
    can_change = access.can(request.user, "case.change", case)
    context = {
        "case": case,
        "sections": [
            (kind, heading, empty, [a for a in current if a.kind == kind])
            for kind, (heading, empty) in KIND_SECTIONS.items()
        ],
        "upcoming": [a for a in actors if a.started_on and a.started_on > today],
        "past": [a for a in actors if a.ended_on and a.ended_on <= today],
        "can_change": can_change,
        "requester_offers": requesters.offers(case, actors) if can_change else [],
    }
    return render(request, "network/list.html", context)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, case_id: str) -> HttpResponse:
    """Add an actor; `?requester=<id>` starts from a requester of the case's request."""
    case = access.get_case(request, case_id, to_change=True)
    requester_id = request.POST.get("requester") or request.GET.get("requester")
    requester = requesters.requester_of(case, requester_id) if requester_id else None
    initial = requesters.offer_for(requester).initial() if requester else {"kind": "formal"}
    form = ActorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actor = actions.add_actor(
                case,
                by=request.user,
                kind=form.cleaned_data["kind"],
                requester=requester,
                **form.actor_fields(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _added(request, case, actor)
    context = {"case": case, "form": form, "actor": None, "requester": requester}
    return render(request, "network/form.html", context)


@require_POST
def add_requester(request: HttpRequest, case_id: str, requester_id: int) -> HttpResponse:
    """Add a requester of the case's request to the network in one click, as offered."""
    case = access.get_case(request, case_id, to_change=True)
    requester = requesters.requester_of(case, requester_id)
    try:
        actor = actions.add_requester(case, requester, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("network:list", case_id=case.pk)
    return _added(request, case, actor)


def _added(request: HttpRequest, case: Case, actor: Actor) -> HttpResponse:
    """After adding an actor: ask what they may receive when a consent allows sharing."""
    messages.success(request, _("%(name)s was added to the network.") % {"name": actor})
    if consent_queries.offers_share(case, actor):
        url = reverse("consent:share_with", kwargs={"case_id": case.pk, "actor_id": actor.pk})
        return redirect(f"{url}?back=network")
    return redirect("network:list", case_id=case.pk)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, case_id: str, actor_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, to_change=True)
    actor = get_object_or_404(case.actors, pk=actor_id)
    form = ActorForm(request.POST or None, actor=actor, initial=ActorForm.initial_for(actor))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_actor(
                actor,
                by=request.user,
                version=form.cleaned_data["version"],
                kind=form.cleaned_data.get("kind"),
                **form.actor_fields(),
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": actor})
            return redirect("network:list", case_id=case.pk)
    return render(request, "network/form.html", _edit_context(case, actor, form=form))


@require_POST
def end(request: HttpRequest, case_id: str, actor_id: UUID) -> HttpResponse:
    """End the actor's membership of the network (default today); nothing is deleted."""
    case = access.get_case(request, case_id, to_change=True)
    actor = get_object_or_404(case.actors, pk=actor_id)
    end_form = EndActorForm(request.POST)
    if end_form.is_valid():
        try:
            actions.end_actor(
                actor,
                by=request.user,
                version=end_form.cleaned_data["version"],
                ended_on=end_form.cleaned_data["ended_on"],
            )
        except StaleVersion as stale:
            end_form.add_error(None, stale.message)
        except ValidationError as error:
            add_errors(end_form, error)
        else:
            messages.success(request, _("%(name)s has left the network.") % {"name": actor})
            return redirect("network:list", case_id=case.pk)
    return render(request, "network/form.html", _edit_context(case, actor, end_form=end_form))


@require_POST
def invite_partner(request: HttpRequest, case_id: str, actor_id: UUID) -> HttpResponse:
    """Email a formal actor a link to activate their partner access (docs/partners.md)."""
    case = access.get_case(request, case_id, to_change=True)
    actor = get_object_or_404(case.actors.select_related("case"), pk=actor_id)
    try:
        partner_actions.invite_partner(actor, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": actor.email}
        )
    return redirect("network:edit", case_id=case.pk, actor_id=actor.pk)


@require_GET
def network_map(request: HttpRequest, case_id: str) -> HttpResponse:
    """The map inline, its text alternative and the actors drawn, as a table."""
    case = access.get_case(request, case_id, part="network")
    today = timezone.localdate()
    actors = queries.current_actors(case, today)
    label = str(case.person)
    context = {
        "case": case,
        "today": today,
        # Safe: ecomap escapes every text it draws.
        "svg": mark_safe(ecomap.render_ecomap(label, actors, today=today)),  # noqa: S308
        "description": ecomap.describe(label, actors, today=today),
        "actors": sorted(
            ecomap.current_network(actors, today), key=lambda a: list(KIND_SECTIONS).index(a.kind)
        ),
    }
    return render(request, "network/map.html", context)


@never_cache
@require_GET
def map_svg(request: HttpRequest, case_id: str) -> HttpResponse:
    """The map as an SVG file, to download or print (`?size=thumbnail` for the small one)."""
    case = access.get_case(request, case_id, part="network")
    size = "thumbnail" if request.GET.get("size") == "thumbnail" else "full"
    document, filename = queries.map_document(case, size=size)
    response = HttpResponse(document, content_type=queries.SVG_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _edit_context(case: Case, actor: Actor, **forms: Any) -> dict[str, Any]:
    today = timezone.localdate()
    form = forms.get("form") or ActorForm(actor=actor, initial=ActorForm.initial_for(actor))
    can_end = actor.kind != Actor.Kind.PERSON and not (actor.ended_on and actor.ended_on <= today)
    end_form = forms.get("end_form")
    if end_form is None and can_end:
        end_form = EndActorForm(initial={"version": actor.version})
    return {
        "case": case,
        "actor": actor,
        "form": form,
        "end_form": end_form,
        "can_end": can_end,
        "partner_invitation": partner_queries.latest_invitation(actor),
    }
