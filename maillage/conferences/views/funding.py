"""Funding pages: a conference's conditions checked before and after the meeting, and
the attendance export for the funder's claims."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from maillage import access
from maillage.conferences import export, funding
from maillage.conferences.forms.funding import FundingExportForm

STAGE_TITLES = {
    funding.BEFORE: gettext_lazy("Before the meeting"),
    funding.AFTER: gettext_lazy("After the meeting"),
}


@require_GET
def funding_check(request: HttpRequest, conference_id: UUID) -> HttpResponse:
    """Each condition of the conference's scheme, met or not, with the reason."""
    conference = funding.load_funding_data(access.get_conference(request, conference_id))
    stages = []
    for stage in funding.STAGES:
        findings = funding.check(conference, stage=stage)
        unmet = [finding for finding in findings if not finding.met]
        stages.append((stage, STAGE_TITLES[stage], findings, unmet))
    scheme = conference.funding_scheme
    context = {
        "conference": conference,
        "case": conference.case,
        "scheme_name": funding.scheme_name(scheme) if scheme else "",
        "stages": stages,
    }
    return render(request, "conferences/funding_check.html", context)


@require_GET
def funding_export(request: HttpRequest) -> HttpResponse:
    """The form until the period is valid, then the file: held conferences of the
    cases you may see."""
    form = FundingExportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "conferences/funding_export.html", {"form": form})
    download = export.export(
        request.user,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        scheme=form.cleaned_data["scheme"],
        file_format=form.cleaned_data["format"],
    )
    return export.as_response(download)
