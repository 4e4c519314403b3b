"""Public pages, without an account: the request form, its private status page, a
colleague's invitation and answer; and, for intake, the submissions set aside as spam."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.guard import gate
from maillage.screening import actions as screening
from maillage.ui.forms import add_errors

from . import actions, emails, fit
from .forms import InviteForm, JoinForm, PublicRequestForm


def _language() -> str:
    return (get_language() or "fr")[:2]


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    """Ask for support without an account; check which programmes could fit, then send."""
    programmes = fit.open_programmes()
    sending = request.method == "POST" and request.POST.get("action") != "check"
    posted = request.POST if request.method == "POST" else None
    initial = _from_signal(request.GET.get("signal", "")) if posted is None else {}
    form = PublicRequestForm(posted, programmes=programmes, sending=sending, initial=initial)
    context: dict[str, object] = {"form": form, "checked": request.method == "POST"}
    status = 200
    if request.method == "POST" and not sending:
        form.is_valid()
        context["fits"] = fit.fits(form.snapshot(), programmes)
    elif request.method == "POST" and form.is_valid() and _unseen_fits(request, form):
        # "I don't know": what the criteria say is shown before anything is sent.
        context["fits"] = fit.fits(form.snapshot(), programmes)
        context["confirm"] = True
    elif request.method == "POST" and form.is_valid():
        try:
            verdict = gate.check(request, request.POST, kind="request", texts=form.texts())
            submission, token, how = actions.submit(
                form.snapshot(),
                signal=form.cleaned_data["signal"],
                language=_language(),
                spam=verdict.spam,
                spam_reasons=verdict.reasons,
            )
        except gate.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            status = refused.status
        except ValidationError as error:
            form.add_action_errors(error)
        else:
            url = reverse("public:status", kwargs={"token": token})
            return redirect(f"{url}?sent={how}")
    return render(request, "public/request.html", context, status=status)


def _unseen_fits(request: HttpRequest, form: PublicRequestForm) -> bool:
    """No programme chosen, and the page that sent it did not show what could fit."""
    return not form.cleaned_data.get("programme") and request.POST.get("seen_fits") != "1"


def _from_signal(token: str) -> dict[str, str]:
    """A request made from an early-warning signal starts with the facts it gathered."""
    facts = screening.facts_of(token[:100]) if token else None
    if facts is None:
        return {}
    return {**PublicRequestForm.initial_facts(facts), "signal": token}


@login_not_required
@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The private page of one request: what was written, its state and the answer."""
    submission = access.get_submission_by_token(token)
    context = {
        "submission": submission,
        **access.read_status(submission),
        "answer_due": actions.answer_due(submission),
        "sent": request.GET.get("sent", ""),
        "status_url": emails.status_url(token),
        "may_invite": actions.may_invite(submission),
        "invite_form": InviteForm(),
        "token": token,
    }
    return render(request, "public/status.html", context)


@login_not_required
@never_cache
@require_POST
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """A professional requester makes a link for a colleague of another organisation."""
    submission = access.get_submission_by_token(token)
    form = InviteForm(request.POST)
    join_url = ""
    if form.is_valid():
        try:
            secret = actions.invite_colleague(submission, email=form.cleaned_data["email"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            join_url = emails.join_url(secret)
    context = {"submission": submission, "form": form, "join_url": join_url, "token": token}
    return render(request, "public/invite.html", context)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """A colleague of another organisation joins the request as a professional requester."""
    invitation = access.get_invitation_by_token(token)
    state = actions.invitation_state(invitation)
    if state != "valid":
        return render(request, "public/join_closed.html", {"state": state}, status=410)
    form = JoinForm(request.POST if request.method == "POST" else None)
    status_code = 200
    if request.method == "POST" and form.is_valid():
        try:
            gate.check(request, request.POST, kind="join", texts=form.texts())
            actions.join(invitation, **form.cleaned_data)
        except gate.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            status_code = refused.status
        except ValidationError as error:
            if getattr(error, "code", None) in ("used", "expired", "closed"):
                return render(request, "public/join_closed.html", {"state": error.code}, status=410)
            add_errors(form, error)
        else:
            return render(request, "public/join_done.html", {"invitation": invitation})
    submission = invitation.submission
    context = {
        "form": form,
        "programme": submission.programme,
        "inviter": submission.data.get("requester", {}),
        "what_is_asked": submission.data.get("what_is_asked", ""),
        "expires_at": invitation.expires_at,
    }
    return render(request, "public/join.html", context, status=status_code)


# Intake: submissions set aside as spam


@require_GET
def set_aside(request: HttpRequest) -> HttpResponse:
    access.require_set_aside_reviewer(request.user)
    submissions = list(access.set_aside_visible_to(request.user).select_related("programme")[:100])
    access.record_listing(request.user, "public.set_aside_listed")
    return render(request, "public/set_aside.html", {"submissions": submissions})


@require_POST
def release(request: HttpRequest, submission_id: UUID) -> HttpResponse:
    submission = access.get_set_aside(request.user, submission_id)
    try:
        support_request = actions.release(submission, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("public:set_aside")
    messages.success(request, _("The request entered the queue, received when it was sent."))
    return redirect("intake:detail", request_id=support_request.pk)


@require_POST
def purge(request: HttpRequest, submission_id: UUID) -> HttpResponse:
    submission = access.get_set_aside(request.user, submission_id)
    try:
        actions.purge(submission, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The submission was deleted."))
    return redirect("public:set_aside")
