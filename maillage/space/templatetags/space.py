"""Small boxes the space adds to other apps' pages, so their views stay untouched:
pending consent wishes (consent page) and reads with a stated purpose (case overview)."""

from typing import Any

from django import template

from maillage import access
from maillage.space import queries

register = template.Library()


@register.simple_tag
def consent_wishes(case: Any) -> list[Any]:
    """The person's pending wishes about their consent, for the case's consent page."""
    return queries.pending_wishes(case)


@register.simple_tag
def purpose_reads(case: Any) -> list[Any]:
    """The latest reads of this case made with a stated purpose (break the glass)."""
    return access.purpose_reads(case)
