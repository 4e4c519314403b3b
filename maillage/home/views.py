"""Home page and anonymous statistics."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from maillage import access
from maillage.agenda.items import agenda_for
from maillage.agenda.team import team_table

from .statistics import programme_statistics

SHOWN = 30  # items of My day shown before "show all"
TEAM_SHOWN = 12  # rows of the lead's table shown before "the whole team"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """My day: what is due, most urgent first; the team lead's table; then the links
    of each role."""
    user = request.user
    if user.is_person_account:
        return redirect("space:home")  # the person's own space is their whole Maillage
    roles = access.roles_of(user)
    sections: list[dict[str, Any]] = []
    if access.is_partner(user):
        sections.append(
            {
                "title": _("Persons I support as a partner"),
                "url": reverse("partners:home"),
                "description": _("What each person agreed to share with you, and your actions."),
            }
        )
    if roles & access.policy.REQUEST_ROLES:
        sections.append(
            {
                "title": _("Requests"),
                "url": reverse("intake:queue"),
                "description": _("The intake queue, most urgent first."),
            }
        )
        sections.append(
            {
                "title": _("Record a request"),
                "url": reverse("intake:new"),
                "description": _("Check a programme's entry criteria and its deadline."),
            }
        )
    if roles & access.policy.CASE_ROLES or access.cases_visible_to(user).exists():
        sections.append(
            {
                "title": _("Cases"),
                "url": reverse("cases:list"),
                "description": _("The cases you hold and those of your team."),
            }
        )
    if access.policy.may_break_glass(user):
        sections.append(
            {
                "title": _("Open a case outside my caseload"),
                "url": reverse("space:purpose"),
                "description": _("State why: the read is flagged and shown to the person."),
            }
        )
    if access.can(user, "statistics.view"):
        sections.append(
            {
                "title": _("Statistics"),
                "url": reverse("ui:statistics"),
                "description": _("Anonymous figures: requests, answers and deadlines."),
            }
        )
    if access.may_see_signal_figures(user):
        sections.append(
            {
                "title": _("Early-warning signals"),
                "url": reverse("screening:figures"),
                "description": _(
                    "How often a signal led to an accepted case, per question and per group."
                ),
            }
        )
    if access.can(user, "configuration.manage"):
        sections.append(
            {
                "title": _("Administration"),
                "url": reverse("admin:index"),
                "description": _("Organisations, teams, users, programmes and their criteria."),
            }
        )
        sections.append(
            {
                "title": _("Merge duplicate persons"),
                "url": reverse("people:merge"),
                "description": _("Two records of the same person become one."),
            }
        )
    sections.append(
        {
            "title": _("Security"),
            "url": reverse("accounts:security"),
            "description": _("Two-factor authentication for your account."),
        }
    )
    greeting = _("Welcome, %(name)s.") % {"name": user.get_full_name() or user.get_username()}
    with access.policy.remembered():  # the day and the lead's table read the same lists
        items = agenda_for(user)
        team = team_table(user)
    if items or team:
        access.record_listing(user, "agenda.listed")
    show_all = request.GET.get("all") == "1"
    whole_team = request.GET.get("team") == "all"
    context = {
        "sections": sections,
        "greeting": greeting,
        "nothing_shared": not (roles - {"partner"}),
        # The most urgent first; the rest one click away (the API gives the whole list).
        "items": items if show_all else items[:SHOWN],
        "hidden": 0 if show_all else max(0, len(items) - SHOWN),
        "team": team if whole_team else team[:TEAM_SHOWN],
        "team_hidden": 0 if whole_team else max(0, len(team) - TEAM_SHOWN),
        "has_day": bool(roles - {"analyst", "administrator", "directory_editor"}),
    }
    return render(request, "ui/home.html", context)


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "statistics.view")
    stats = programme_statistics()
    context = {"rows": stats.rows, "as_of": stats.as_of}
    return render(request, "ui/statistics.html", context)
