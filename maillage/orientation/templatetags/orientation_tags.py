"""Orientation on the pages of other apps: the request page's referrals and its link to
the directory. The page has already read the request through maillage.access."""

from typing import Any

from django import template

from maillage.orientation import queries

register = template.Library()


@register.inclusion_tag("orientation/_request_referrals.html")
def request_referrals(support_request: Any, can_change: bool = False) -> dict[str, Any]:
    referrals = list(
        support_request.referrals.filter(case__isnull=True).order_by("-created_at")[:50]
    )
    return {
        "referrals": referrals,
        "support_request": support_request,
        "can_change": can_change,
        "search_url": queries.directory_search_url(request=support_request.pk),
    }


@register.simple_tag
def directory_search_url(**context: Any) -> str:
    """`{% directory_search_url request=support_request.pk %}`."""
    return queries.directory_search_url(**context)
