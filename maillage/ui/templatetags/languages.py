"""`{% load languages %}`: `{{ actor.language|language_name }}` names a language code in
the reader's language ("pl" → "polonais" in French, "Pools" in Dutch).

A person may speak any language, while the interface speaks French, Dutch and English:
`get_language_display()` shows the code of a language outside those three. Django's own
catalogue names the languages it knows; an unknown code is shown as it is.
"""

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    if not code:
        return ""
    interface = dict(settings.LANGUAGES)
    if code in interface:
        return str(interface[code])
    if code in LANG_INFO and "name" in LANG_INFO[code]:
        return gettext(LANG_INFO[code]["name"])
    return code
