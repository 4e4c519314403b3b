"""Orientation pages: orient to a service (from a request or a case), a referral and
its status, the case's orientations, unmet needs, the receiving service's link, and the
coverage of the territory (life domain × commune, under /directory/)."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage import access
from maillage.directory import status as service_status
from maillage.ui.forms import add_errors
from maillage.versioning import StaleVersion

from . import actions, content, emails, queries
from . import coverage as coverage_data
from .forms import AnswerForm, ReferralForm, StatusForm, UnmetNeedForm
from .models import Referral


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# Orient to a service


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """Orient the person of a request (`?request=`) or a case (`?case=`) to a service."""
    service = queries.service_or_404(request.GET.get("service"))
    case = support_request = None
    if request.GET.get("case"):
        case = access.get_case(request, request.GET["case"], part="orientation")
        access.require(request.user, "case.change", case)
        person = case.person
    elif request.GET.get("request"):
        support_request = access.get_request(request, request.GET["request"])
        access.require(request.user, "request.change", support_request)
        person = support_request.person
    else:
        raise Http404
    allowed = content.allowed_categories(case=case, support_request=support_request)
    recipient = actions.service_recipient(service)
    initial = {"life_domain": request.GET.get("life_domain", "")}
    form = ReferralForm(
        _posted(request),
        initial=initial,
        allowed=allowed,
        domain_required=case is not None,
        by_email=bool(recipient),
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            "by": request.user,
            "service": service,
            "need": form.cleaned_data["need"],
            "reason": form.cleaned_data["reason"],
            "life_domain": form.cleaned_data["life_domain"],
            "categories": form.cleaned_data["categories"],
            "person_agreed": form.cleaned_data["person_agreed"],
            "channel": form.cleaned_data["channel"],
            "answer": form.cleaned_data["answer"],
            "answer_reason": form.cleaned_data["answer_reason"],
        }
        try:
            if case is not None:
                referral = actions.refer(case=case, **fields)
            else:
                referral = actions.refer_from_request(support_request=support_request, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _referral_message(referral))
            return redirect("orientation:detail", referral_id=referral.pk)
    context = {
        "form": form,
        "service": service,
        "recipient": recipient,
        "phones": queries.service_phones(service),
        "closed_status": service_status.closed_status(service),
        "case": case,
        "support_request": support_request,
        "person": person,
        "sharing_note": _sharing_note(case, support_request, allowed),
    }
    return render(request, "orientation/new.html", context)


def _referral_message(referral: Referral) -> str:
    if referral.channel == Referral.Channel.EMAIL:
        return _("The referral was sent to %(service)s (%(email)s).") % {
            "service": referral.service_name,
            "email": referral.sent_to,
        }
    return _("The referral to %(service)s was recorded (%(channel)s).") % {
        "service": referral.service_name,
        "channel": referral.get_channel_display(),
    }


def _sharing_note(case: Any, support_request: Any, allowed: list[str]) -> str:
    if case is None:
        return _(
            "From a request, only the person's identity and contact details may be shared, "
            "if the person agreed."
        )
    if not allowed:
        return _(
            "No consent in force allows sharing: the referral carries the need and the "
            "reason only. Write them without naming the person."
        )
    return _("The consent in force allows sharing the categories below, if you tick them.")


# A referral


@require_http_methods(["GET"])
def detail(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    referral = access.get_referral(request, referral_id)
    return _render_detail(request, referral)


def _render_detail(
    request: HttpRequest, referral: Referral, status_form: StatusForm | None = None
) -> HttpResponse:
    can_change = access.may_change_referral(request.user, referral)
    if status_form is None and can_change and actions.TRANSITIONS[referral.status]:
        status_form = StatusForm(referral=referral, initial={"version": referral.version})
    context = {
        "referral": referral,
        "history": queries.history(referral),
        "sections": referral.shared_content,
        "can_change": can_change,
        "status_form": status_form if can_change else None,
        "offer_unmet_need": can_change and referral.status in actions.UNMET,
        "unmet_needs": list(referral.unmet_needs.all()),
    }
    return render(request, "orientation/detail.html", context)


@require_POST
def status(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    """The worker records the service's answer (given by phone) or "no response"."""
    referral = access.get_referral(request, referral_id, to_change=True)
    form = StatusForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            actions.update_status(
                referral,
                form.cleaned_data["status"],
                form.cleaned_data["reason"],
                via=request.user,
                version=form.cleaned_data["version"],
            )
        except (StaleVersion, ValidationError) as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The status of the referral was changed."))
            return redirect("orientation:detail", referral_id=referral.pk)
    referral.refresh_from_db()
    return _render_detail(request, referral, status_form=form)


# A case's orientations


@require_http_methods(["GET"])
def case_orientations(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case = access.get_case(request, case_id, part="orientation")
    context = {
        "case": case,
        "referrals": queries.referrals_of(case),
        "unmet_needs": queries.unmet_needs_of(case),
        "can_change": access.can(request.user, "case.change", case),
        "search_url": queries.directory_search_url(case=case.pk),
    }
    return render(request, "orientation/case.html", context)


# Unmet needs


@require_http_methods(["GET", "POST"])
def unmet_need(request: HttpRequest) -> HttpResponse:
    """Record an unmet need: after a referral (`?referral=`), for a case or request, or
    from a search without context (its filters prefill the form)."""
    params = request.GET
    links: dict[str, Any] = {}
    initial: dict[str, Any] = {
        "life_domain": params.get("life_domain", ""),
        "commune": params.get("commune", ""),
        "age_band": params.get("age_band", "") or _band_of_age(params.get("age", "")),
        "public": params.get("public", "")[:200],
        "reason": params.get("reason", ""),
    }
    back = queries.directory_search_url()
    if params.get("referral"):
        referral = access.get_referral(request, params["referral"])
        if not access.may_change_referral(request.user, referral):
            raise PermissionDenied
        prefilled = actions.unmet_need_from_referral(referral)
        links = {key: prefilled[key] for key in ("service", "referral", "support_request", "case")}
        initial.update(
            {key: prefilled[key] for key in ("life_domain", "reason", "commune", "age_band")}
        )
        initial["description"] = prefilled["description"]
        back = reverse("orientation:detail", kwargs={"referral_id": referral.pk})
    elif params.get("case"):
        case = access.get_case(request, params["case"], part="orientation")
        access.require(request.user, "case.change", case)
        links = {"case": case}
        initial.update(_person_prefill(case.person))
        back = reverse("orientation:case", kwargs={"case_id": case.pk})
    elif params.get("request"):
        support_request = access.get_request(request, params["request"])
        access.require(request.user, "request.change", support_request)
        links = {"support_request": support_request}
        initial.update(_person_prefill(support_request.person))
        back = reverse("intake:detail", kwargs={"request_id": support_request.pk})
    else:
        access.require_unmet_need_recorder(request.user)
    if params.get("service") and "service" not in links:
        links["service"] = queries.service_or_404(params["service"])
    form = UnmetNeedForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_unmet_need(
                by=request.user,
                search_query=params.get("q", ""),
                **form.cleaned_data,
                **links,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The unmet need was recorded. Thank you."))
            return redirect(back)
    context = {"form": form, "links": links, "back": back}
    return render(request, "orientation/unmet_need.html", context)


def _person_prefill(person: Any) -> dict[str, str]:
    return {"commune": person.residence or "", "age_band": actions.age_band(person.birth_date)}


def _band_of_age(age: str) -> str:
    return actions.band_of_age(int(age)) if age.isdigit() and len(age) < 4 else ""


# The receiving service's link (no account)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Shows only the referral: the service, the date, the need, the reason, what is
    shared and the referring worker; an unusable link changes nothing and says why."""
    state, link = actions.link_state(token)
    if state != "valid" or link is None:
        status_code = 404 if state == "unknown" else 410
        return render(
            request, "orientation/answer_closed.html", {"state": state}, status=status_code
        )
    referral = link.referral
    form = AnswerForm(_posted(request), referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_by_link(
                token,
                form.cleaned_data["status"],
                form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) in ("used", "expired", "closed", "unknown"):
                return render(
                    request, "orientation/answer_closed.html", {"state": error.code}, status=410
                )
            add_errors(form, error)
        else:
            referral.refresh_from_db()
            return render(
                request,
                "orientation/answer_done.html",
                {"referral": referral, "final": referral.status in actions.FINAL},
            )
    if request.method == "GET":
        actions.record_link_opened(link)
    context = {
        "referral": referral,
        "worker": emails.worker_contact(referral.created_by),
        "sections": referral.shared_content,
        "form": form,
        "expires_at": link.expires_at,
    }
    return render(request, "orientation/answer.html", context)


# Coverage of the territory, under /directory/ (aggregates: every signed-in user)


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    data = coverage_data.coverage()
    rows = [
        (
            label,
            [
                {
                    "cell": cell,
                    "text": coverage_data.cell_text(cell, label, name),
                    "gap": coverage_data.gap_label(cell),
                }
                for cell, (_nis, name) in zip(cells, data.communes, strict=True)
            ],
        )
        for _code, label, cells in data.rows()
    ]
    context = {"data": data, "rows": rows, "svg": coverage_data.heat_map_svg(data)}
    return render(request, "directory/coverage.html", context)


@require_GET
def coverage_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        coverage_data.to_csv(coverage_data.coverage()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="maillage-coverage.csv"'
    return response


@require_GET
def coverage_svg(request: HttpRequest) -> HttpResponse:
    svg = coverage_data.heat_map_svg(coverage_data.coverage())
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
