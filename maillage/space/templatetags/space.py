"""Small boxes the space adds to other apps' pages, so their views stay untouched:
pending consent wishes (consent page)."""

from typing import Any

from django import template

from maillage.space import queries

register = template.Library()


@register.simple_tag
def consent_wishes(case: Any) -> list[Any]:
    """The person's pending wishes about their consent, for the case's consent page."""
    return queries.pending_wishes(case)
