"""Template helpers of the records pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def heading(level: Any) -> int:
    """An HTML heading level, at most 6."""
    return min(int(level), 6)
