"""`{% load links %}`: the one way a template draws a stored link (see maillage/links.py).

`{{ service.url|link }}` draws the address as its own text, and
`{{ conference.video_link|link:_("video link") }}` the given text. A value whose scheme
is not http, https, mailto or tel (or that is no link at all) is drawn as plain,
escaped text: no anchor, whatever the database holds.
"""

from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from maillage.links import is_safe_link

register = template.Library()


@register.filter
def link(value: Any, text: Any = None) -> SafeString:
    shown = value if text in (None, "") else text
    if not is_safe_link(value):
        return conditional_escape(shown or "")
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, shown)
