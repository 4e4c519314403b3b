"""The person's own space, the case manager's side of it, and a team lead's read with a
stated purpose (break the glass). Thin views: access → one action → render."""

from typing import Any
from uuid import UUID

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.cases.models import Case
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, emails, printing, queries
from .forms import (
    ActivationForm,
    CodeForm,
    InvitationForm,
    PurposeForm,
    WishAnswerForm,
    WishForm,
)
from .models import SpaceInvitation

# django-axes counts wrong codes like wrong passwords: per address, under this name.
CODE_CREDENTIALS = {"username": "space-code"}
SESSION_KEY = "space_invitation"


# The person's pages


def _page(
    request: HttpRequest, template: str, case: Case, current: str, **context: Any
) -> HttpResponse:
    context.update({"case": case, "current": current, "person": case.person})
    return render(request, f"space/{template}", context)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """My support: my case(s), my case managers and how to reach them."""
    person = access.get_own_person(request, part="overview")
    cases = [queries.support(case) for case in access.own_cases(request.user)]
    context = {
        "person": person,
        "supports": cases,
        "case": cases[0]["case"] if cases else None,
        "current": "home",
        "account": request.user.space_account,  # type: ignore[union-attr]
    }
    return render(request, "space/home.html", context)


@require_GET
def goals(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_own_case(request, case_id, part="goals")
    return _page(request, "goals.html", case, "goals", **queries.goals(case))


@require_GET
def plan(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_own_case(request, case_id, part="plan")
    return _page(request, "plan.html", case, "plan", plan=queries.plan(case))


@require_GET
def crisis(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_own_case(request, case_id, part="crisis_plan")
    return _page(request, "crisis.html", case, "crisis", **queries.crisis_plan(case))


@require_GET
def network(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_own_case(request, case_id, part="network")
    return _page(request, "network.html", case, "network", network=queries.network(case))


@require_GET
def sharing(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_own_case(request, case_id, part="consents")
    context = {"sharing": queries.sharing(case), "wishes": queries.wishes(case)}
    return _page(request, "sharing.html", case, "sharing", **context)


@require_http_methods(["GET", "POST"])
def wish(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Ask for a change of consent; the case manager talks it over with the person."""
    case = access.get_own_case(request, case_id, part="consents")
    form = WishForm(request.POST or None, actors=queries.sharing_actors(case))
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_consent_change(
                case,
                by=request.user,
                text=form.cleaned_data["text"],
                actor=form.chosen_actor(),
                category=form.cleaned_data["category"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your wish was sent to your case manager, who will talk about it with you."),
            )
            return redirect("space:sharing", case_id=case.pk)
    return _page(request, "wish.html", case, "sharing", form=form)


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    """Who read my file: who, their role and organisation, when, what, and why."""
    person = access.get_own_person(request, part="access_log")
    cases = list(access.own_cases(request.user)[:1])
    context = {
        "person": person,
        "page": access.own.access_log_page(person, request.GET),
        "case": cases[0] if cases else None,
        "current": "access_log",
    }
    return render(request, "space/access_log.html", context)


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    person = access.get_own_person(request, part="export")
    cases = list(access.own_cases(request.user)[:1])
    context = {"person": person, "case": cases[0] if cases else None, "current": "export"}
    return render(request, "space/export.html", context)


@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    """Everything held about me, machine-readable (maillage.records builds it)."""
    from maillage.records.export import build_export  # heavy: only when asked for

    person = access.get_own_person(request, part="export")
    response = JsonResponse(
        build_export(person), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="maillage-export.json"'
    return response


@require_GET
def export_pdf(request: HttpRequest) -> HttpResponse:
    """Everything held about me, readable, in my language."""
    from maillage.records.export import export_pdf as records_export_pdf

    person = access.get_own_person(request, part="export")
    document = records_export_pdf(person, translation.get_language() or settings.LANGUAGE_CODE)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="maillage-export.pdf"'
    return response


# Opening the space: a printed code or an emailed link, then a password


def _code_locked(request: HttpRequest) -> bool:
    return not AxesProxyHandler.is_allowed(request, CODE_CREDENTIALS)


@login_not_required
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """Type the code of the letter. Wrong codes count like wrong passwords (django-axes)."""
    if request.user.is_authenticated:
        return redirect("space:home")
    form = CodeForm(request.POST or None)
    if _code_locked(request):
        return render(request, "accounts/locked_out.html", status=403)
    if request.method == "POST" and form.is_valid():
        invitation = actions.find_by_code(form.cleaned_data["code"])
        try:
            actions.check_usable(invitation)
        except ValidationError as error:
            if invitation is None:
                user_login_failed.send(
                    sender=__name__, credentials=CODE_CREDENTIALS, request=request
                )
            form.add_error("code", error)
        else:
            request.session[SESSION_KEY] = str(invitation.pk)  # type: ignore[union-attr]
            return redirect("space:activate")
    return render(request, "space/code.html", {"form": form})


@login_not_required
@require_GET
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the invitation email: straight to choosing a password."""
    if _code_locked(request):
        return render(request, "accounts/locked_out.html", status=403)
    found = actions.find_by_token(token)
    try:
        actions.check_usable(found)
    except ValidationError as error:
        if found is None:
            user_login_failed.send(sender=__name__, credentials=CODE_CREDENTIALS, request=request)
        context = {"message": " ".join(error.messages)}
        return render(
            request, "space/invitation_invalid.html", context, status=410 if found else 404
        )
    request.session[SESSION_KEY] = str(found.pk)  # type: ignore[union-attr]
    return render(request, "space/activate.html", _activation_context(found))  # type: ignore[arg-type]


def _activation_context(found: SpaceInvitation, data: Any = None) -> dict[str, Any]:
    person = found.person
    initial = {"language": person.language or translation.get_language()}
    return {"form": ActivationForm(data, initial=initial), "invitation": found}


@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    """Choose a sign-in name and a password; then the space opens."""
    if request.user.is_authenticated:
        # Someone else is signed in on this browser: sign out only when asked (a POST
        # with its CSRF token), never because a link or an image was loaded.
        if request.method == "GET":
            return render(request, "space/signed_in_elsewhere.html")
        auth_logout(request)
        messages.info(request, _("You were signed out first, to open the new space."))
        return redirect("space:code")
    found = actions.find_by_id(request.session.get(SESSION_KEY, ""))
    try:
        actions.check_usable(found)
    except ValidationError as error:
        context = {"message": " ".join(error.messages)}
        return render(
            request, "space/invitation_invalid.html", context, status=410 if found else 404
        )
    context = _activation_context(found, request.POST or None)  # type: ignore[arg-type]
    form = context["form"]
    if request.method == "POST" and form.is_valid():
        try:
            account = actions.activate(
                found,  # type: ignore[arg-type]
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            del request.session[SESSION_KEY]
            auth_login(request, account.user, backend="django.contrib.auth.backends.ModelBackend")
            translation.activate(account.user.language)
            messages.success(request, _("Welcome. Your personal space is open."))
            return redirect("space:home")
    return render(request, "space/activate.html", context)


# The case manager's side


def _case_to_manage(request: HttpRequest, case_id: UUID) -> Case:
    """The case, for someone who may change it (workers, team lead): an audited read."""
    if request.method == "POST":
        return access.get_case(request, case_id, to_change=True)
    case = access.get_case(request, case_id, part="space")
    access.require(request.user, "case.change", case)
    return case


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The person's space from the case: accounts, invitations, a new invitation (email
    or a printed letter with a one-time code)."""
    case = _case_to_manage(request, case_id)
    initial = {"email": case.person.email}
    form = InvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issued = actions.invite(
                case,
                by=request.user,
                email=form.cleaned_data["email"],
                relation=form.cleaned_data["relation"],
                representative_name=form.cleaned_data["representative_name"],
                representative_capacity=form.cleaned_data["representative_capacity"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if issued.invitation.email:
                emails.send_invitation(issued)
                messages.success(request, _("The invitation was sent by email."))
                return redirect("space:manage", case_id=case.pk)
            letter = printing.letter_context(issued, request)
            if request.POST.get("output") == "pdf":
                return printing.pdf_response(
                    "space/letter_pdf.html", letter, request, filename="invitation.pdf"
                )
            return render(request, "space/letter.html", letter)
    context = {
        "case": case,
        "person": case.person,
        "form": form,
        "accounts": queries.accounts_of(case),
        "invitations": queries.invitations_of(case),
        "pending_wishes": queries.pending_wishes(case),
        "days": settings.SPACE_INVITATION_DAYS,
    }
    return render(request, "space/manage.html", context)


@require_GET
def print_space(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The same content as the person's pages, on paper, for someone without a screen."""
    case = _case_to_manage(request, case_id)
    with translation.override(printing.language_of(case.person)):
        return render(request, "space/print.html", printing.print_context(case, request))


@require_GET
def print_space_pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = _case_to_manage(request, case_id)
    with translation.override(printing.language_of(case.person)):
        context = printing.print_context(case, request)
        return printing.pdf_response("space/print_pdf.html", context, request, filename="space.pdf")


@require_POST
def answer_wish(request: HttpRequest, case_id: UUID, wish_id: UUID) -> HttpResponse:
    """Confirm (once the new consent is recorded with the person) or decline a wish."""
    case = access.get_case(request, case_id, to_change=True)
    wish = access.get_child(case.consent_wishes, wish_id)
    form = WishAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("consent:list", case_id=case.pk)
    try:
        actions.answer_wish(
            wish,
            by=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
    except (StaleVersion, ValidationError) as error:
        text = error.message if isinstance(error, StaleVersion) else " ".join(error.messages)
        messages.error(request, str(text))
    else:
        messages.success(request, _("The answer was recorded; the person sees it in their space."))
    return redirect("consent:list", case_id=case.pk)


@require_POST
def end_account(request: HttpRequest, case_id: UUID, account_id: str) -> HttpResponse:
    """Close the person's (or representative's) sign-in to their space, at once."""
    case = access.get_case(request, case_id, to_change=True)
    account = access.own.get_space_account(case, account_id)
    if account.ended_at is None:  # a second click changes nothing
        actions.end_account(account, by=request.user)
    messages.success(request, _("This sign-in to the personal space is closed."))
    return redirect("space:manage", case_id=case.pk)


# Break the glass


@require_http_methods(["GET", "POST"])
def purpose(request: HttpRequest) -> HttpResponse:
    """A team lead opens a case outside their caseload, read-only, stating why."""
    if not access.may_break_glass(request.user):
        raise PermissionDenied
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if access.policy.sees_without_purpose(request.user, form.cleaned_data["case"]):
            messages.info(request, _("This case is in your caseload: no purpose is needed."))
            return redirect("cases:detail", case_id=form.cleaned_data["case"])
        try:
            case = access.open_with_purpose(
                request, form.cleaned_data["case"], form.cleaned_data["purpose"]
            )
        except ValueError:
            form.add_error("purpose", _("Say why you need to read this case."))
        except Http404:
            form.add_error("case", _("No case with this reference can be opened this way."))
        else:
            hours = settings.BREAK_GLASS_HOURS
            messages.warning(
                request,
                _(
                    "You may read this case, read-only, for %(hours)s hours. Every read is shown to the person and their case manager with your purpose."
                )
                % {"hours": hours},
            )
            return redirect("cases:detail", case_id=case.pk)
    context = {"form": form, "hours": settings.BREAK_GLASS_HOURS, "now": timezone.now()}
    return render(request, "space/purpose.html", context)
