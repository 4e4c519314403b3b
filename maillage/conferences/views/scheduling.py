"""Scheduling pages: a case's conferences, planning, changing and cancelling one,
invitations and the invitees' answer link, and each user's calendar and feed.

The meeting itself (agenda, attendance, decisions, minutes) lives in `meeting`,
funding in `funding`.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.cases.models import Case
from maillage.conferences import actions, emails, ical
from maillage.conferences.forms.meeting import HoldForm
from maillage.conferences.forms.scheduling import (
    ANSWER_LABELS,
    AnswerForm,
    CancelForm,
    ConferenceForm,
    InviteForm,
)
from maillage.conferences.models import Conference
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion


@require_GET
def case_list(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, part="conferences")
    conferences = list(actions.conferences_of(case))
    now = timezone.now()
    upcoming = [c for c in conferences if c.status == "planned" and c.starts_at >= now]
    context = {
        "case": case,
        "conferences": conferences,
        "next_conference": upcoming[-1] if upcoming else None,
        "can_manage": access.can(request.user, "conference.manage", case),
    }
    return render(request, "conferences/case_list.html", context)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, part="conferences")
    access.require(request.user, "conference.manage", case)
    form = ConferenceForm(_posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        try:
            conference = actions.schedule_conference(
                case, by=request.user, **form.conference_fields()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _planned_message(conference))
            return redirect("conferences:invite", conference_id=conference.pk)
    return render(request, "conferences/form.html", {"case": case, "form": form})


@require_GET
def detail(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id)
    return render(request, "conferences/detail.html", _detail_context(request, conference))


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id, to_change=True)
    case = conference.case
    form = ConferenceForm(
        _posted(request),
        case=case,
        conference=conference,
        initial=ConferenceForm.initial_for(conference),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_conference(
                conference,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.conference_fields(),
            )
        except StaleVersion as stale:
            form.add_error(None, stale.message)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The conference was changed."))
            return redirect("conferences:detail", conference_id=conference.pk)
    context = {"case": case, "conference": conference, "form": form}
    if conference.status == Conference.Status.PLANNED:
        context["cancel_form"] = CancelForm()
    return render(request, "conferences/form.html", context)


@require_POST
def cancel(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id, to_change=True)
    cancel_form = CancelForm(request.POST)
    if cancel_form.is_valid():
        try:
            actions.cancel_conference(
                conference,
                by=request.user,
                reason=cancel_form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(cancel_form, error)
        else:
            messages.success(request, _("The conference is cancelled; the invitees were told."))
            return redirect("conferences:detail", conference_id=conference.pk)
    form = ConferenceForm(
        case=conference.case, conference=conference, initial=ConferenceForm.initial_for(conference)
    )
    context = {
        "case": conference.case,
        "conference": conference,
        "form": form,
        "cancel_form": cancel_form,
    }
    return render(request, "conferences/form.html", context)


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id, to_change=True)
    case = conference.case
    invited = {i.actor_id: i for i in actions.invitations_of(conference)}
    actors = actions.invitable_actors(conference)
    available = [a for a in actors if a.pk not in invited]
    past = actions.already_started(conference)
    form = InviteForm(_posted(request), actors=available, announce=not past, initial={"send": True})
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite(conference, by=request.user, actors=form.chosen_actors())
            sent = []
            if form.cleaned_data.get("send"):
                sent = actions.send_invitations(conference, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            if past:  # recorded after the fact: on to who came
                messages.success(request, _("The participants are added. Record who came."))
                url = reverse("conferences:meeting", kwargs={"conference_id": conference.pk})
                return redirect(f"{url}#attendance")
            messages.success(request, _sent_message(len(sent)))
            return redirect("conferences:detail", conference_id=conference.pk)
    context = {
        "case": case,
        "conference": conference,
        "past": past,
        "form": form,
        "choices": list(zip(available, form["actors"].subwidgets, strict=True)),
        "invited": [invited[a.pk] for a in actors if a.pk in invited],
    }
    return render(request, "conferences/invite.html", context)


@require_POST
def send(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    conference = access.get_conference(request, conference_id, to_change=True)
    try:
        sent = actions.send_invitations(conference, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if actions.already_started(conference):
            messages.info(request, _("No invitation is sent for a meeting in the past."))
        else:
            messages.success(request, _sent_message(len(sent)))
    return redirect("conferences:detail", conference_id=conference.pk)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's personal link: the meeting's date, place and case manager, and three
    buttons. Nothing else of the case is shown; no account is needed."""
    invitation = actions.invitation_by_token(token)
    if invitation is None:
        raise Http404
    conference = invitation.conference
    form = AnswerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_invitation(invitation, form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer is recorded."))
            return redirect("conferences:answer", token=token)
    context = {
        **emails.meeting_facts(conference),
        "invitation": invitation,
        "cancelled": conference.status == Conference.Status.CANCELLED,
        "held": conference.status == Conference.Status.HELD,
        "manager": actions.case_manager_name(conference),
        "name": ical.summary(invitation.language),
        "form": form,
        "buttons": list(ANSWER_LABELS.items()),
    }
    return render(request, "conferences/answer.html", context)


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    actions.require_calendar(request.user)
    feed = actions.feed_of(request.user)
    conferences = list(actions.upcoming_for(request.user).select_related("case__person"))
    access.record_listing(request.user, "case.listed")
    context = {
        "conferences": conferences,
        "feed_url": _feed_url(request, feed.token) if feed else "",
    }
    return render(request, "conferences/calendar.html", context)


@require_POST
def calendar_feed(request: HttpRequest) -> HttpResponse:
    actions.renew_calendar_feed(by=request.user)
    messages.success(
        request, _("Your calendar address is ready. The previous one no longer works.")
    )
    return redirect("conferences:calendar")


@login_not_required
@never_cache
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A user's upcoming conferences as a calendar to subscribe to: times and places,
    never a person's name."""
    calendar_feed = actions.feed_by_token(token)
    if calendar_feed is None or not calendar_feed.user.is_active:
        raise Http404
    user = calendar_feed.user
    body = ical.feed(actions.upcoming_for(user), language=user.language or "fr")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="maillage.ics"'
    return response


def _detail_context(request: HttpRequest, conference: Conference) -> dict[str, Any]:
    case: Case = conference.case
    invitations = list(actions.invitations_of(conference))
    past = actions.already_started(conference)
    return {
        "case": case,
        "conference": conference,
        "invitations": invitations,
        # Nothing is sent for a meeting that has already started.
        "unsent": []
        if past
        else [i for i in invitations if i.email and i.sent_sequence != conference.ical_sequence],
        "past": past,
        "can_manage": access.can(request.user, "conference.manage", case),
        "manager": actions.case_manager_name(conference),
        "hold_form": HoldForm(initial={"version": conference.version}),
    }


def _posted(request: HttpRequest) -> Any:
    """The submitted data (an empty form too), or None for GET."""
    return request.POST if request.method == "POST" else None


def _planned_message(conference: Conference) -> str:
    if actions.already_started(conference):
        return _(
            "The meeting is recorded; no invitation is sent for a meeting in the past. "
            "Now add who was invited."
        )
    return _("The conference is planned. Now invite the network.")


def _sent_message(count: int) -> str:
    return ngettext(
        "%(count)d invitation was sent by email.",
        "%(count)d invitations were sent by email.",
        count,
    ) % {"count": count}


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("conferences:feed", kwargs={"token": token}))
