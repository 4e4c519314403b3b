"""The case file's tabs: `{% case_tabs case "plans:plan" %}` in a page's `tabs` block."""

from typing import Any

from django import template

from maillage.casefile.tabs import case_tabs as tabs_of

register = template.Library()


@register.inclusion_tag("casefile/_tabs.html")
def case_tabs(case: Any, current: str) -> dict[str, Any]:
    """The tabs nav of the case file with `current` (a url name) marked; no query."""
    return {"tabs": tabs_of(case.pk, current)}
