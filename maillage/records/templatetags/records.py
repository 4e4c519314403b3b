"""Template helpers of the records pages."""

from typing import Any

from django import template

from maillage.access.records import may_export

register = template.Library()


@register.simple_tag(takes_context=True)
def may_export_person(context: Any, person: Any) -> bool:
    """May the signed-in user export (and correct) everything held about this person?"""
    request = context.get("request")
    return request is not None and may_export(request.user, person)
