"""The early-warning signal: questions → findings in words → record, make a request or
search the directory; and the analysts' figures. The public pages read no person."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access, tokens
from maillage.categories import LifeDomain
from maillage.guard import gate

from . import actions
from .actions import REQUEST_FORM
from .evaluate import findings_now
from .figures import figures, group_values
from .forms import SignalForm
from .questions import BY_CODE, GROUPS

ANONYMOUS, REQUEST = "anonymous", "request"


@login_not_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest) -> HttpResponse:
    """The questions (GET); their findings (POST), nothing stored yet. From the findings,
    "Change the answers" posts them back here (`change`): the questions, filled in."""
    form = SignalForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and "change" not in request.POST:
        return _findings_page(request, form.answers())
    return render(request, "screening/questions.html", {"form": form})


@login_not_required
@require_POST
def record(request: HttpRequest) -> HttpResponse:
    """Record the signal (the answers come back in hidden fields, validated again)."""
    form = SignalForm(request.POST, hidden=True)
    choice = request.POST.get("choice", "")
    if not form.is_valid() or choice not in (ANONYMOUS, REQUEST):
        return render(request, "screening/questions.html", {"form": SignalForm(request.POST)})
    answers = form.answers()
    try:
        verdict = gate.check(request, request.POST, kind="signal")
    except gate.Refused as refused:
        return _findings_page(request, answers, refused=refused)
    if verdict.spam:  # answered as if stored, and nothing stored
        token = "" if choice == ANONYMOUS else tokens.new_token()
    else:
        _signal, token = actions.record_signal(answers, anonymous=choice == ANONYMOUS)
    if choice == REQUEST:
        return redirect(f"{REQUEST_FORM}?{urlencode({'signal': token})}")
    return redirect("screening:recorded")


@login_not_required
@require_GET
def recorded(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/recorded.html")


def _findings_page(
    request: HttpRequest, answers: dict[str, Any], *, refused: gate.Refused | None = None
) -> HttpResponse:
    found = findings_now(answers)
    needs_account = not access.may_search_directory(request.user)

    def directory(**filters: str) -> str:
        url = reverse("directory:search") + (f"?{urlencode(filters)}" if filters else "")
        if needs_account:  # through the sign-in page, which comes back to the search
            return f"{reverse('accounts:login')}?{urlencode({'next': url})}"
        return url

    context = {
        "findings": found,
        "hidden": SignalForm(initial=answers, hidden=True),
        "refused": refused,
        "directory_url": directory(),
        "directory_links": [
            (LifeDomain(code).label, directory(domain=code)) for code in found.domains
        ],
        "directory_needs_account": needs_account,
    }
    status = refused.status if refused else 200
    return render(request, "screening/findings.html", context, status=status)


@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    """Per question and answer: signals made into requests, accepted, per group."""
    access.require_signal_figures_reader(request.user)
    by = request.GET.get("by", "")
    by = by if by in GROUPS else ""
    rows = access.signal_answers_for_figures(request.user)
    context = {
        "questions": figures(rows, by),
        "by": by,
        "groups": [(code, BY_CODE[code].label) for code in GROUPS],
        "group_label": BY_CODE[by].label if by else "",
        "group_values": group_values(by) if by else [],
    }
    return render(request, "screening/figures.html", context)
