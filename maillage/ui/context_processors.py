"""What the base layout needs on every page: the navigation the user may use."""

from typing import Any

from django.http import HttpRequest

from maillage import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = access.roles_of(user)
    requests = bool(roles & access.policy.REQUEST_ROLES)
    cases = bool(roles & access.policy.CASE_ROLES) or user.case_work.exists()
    return {
        "nav": {
            "requests": requests,
            "cases": cases,
            "search": requests or cases,  # persons, cases and requests they may see
            "conferences": bool(roles & {"case_manager", "team_lead", "conference_organiser"}),
            "directory": access.may_search_directory(user),
            "statistics": access.can(user, "statistics.view"),
            "administration": access.can(user, "configuration.manage"),
            "section": section_of(request),
        }
    }


def section_of(request: HttpRequest) -> str:
    """The part of the site a page belongs to, for the main menu: every page of a case
    file (plan, network, its conferences…) is in "cases"."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if "case_id" in match.kwargs and not match.namespace.startswith(("partners", "space")):
        return "cases"
    return match.namespace
