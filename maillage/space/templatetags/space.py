"""Small boxes the space adds to other apps' pages: reads with a stated purpose (case
overview)."""

from typing import Any

from django import template

from maillage import access

register = template.Library()


@register.simple_tag
def purpose_reads(case: Any) -> list[Any]:
    """The latest reads of this case made with a stated purpose (break the glass)."""
    return access.purpose_reads(case)
