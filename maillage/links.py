"""Links stored from user or import data: a service's website, a document's address, a
conference's video link.

A stored link ends up in an `href`, so its scheme decides what a click does:
`javascript:` runs script in our pages. One door for each step:

- every stored link field carries `validators=[validate_link]` (only http, https,
  mailto and tel);
- forms read it with `LinkFormField` and the importer with `normalise_link`, so
  `www.brusano.brussels` becomes `https://www.brusano.brussels` before it is validated;
- templates draw it only with the `link` filter (`maillage/ui/templatetags/links.py`),
  which draws no anchor for anything else the database may hold; a test fails when a
  template puts a stored value straight into an `href` (`maillage/ui/tests/test_links.py`).
"""

import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# A host name written without a scheme, with an optional port and path:
# "www.brusano.brussels", "example.be/path", "meet.example:8443/room".
HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#]|$)",
    re.IGNORECASE,
)
# What a scheme may be made of (RFC 3986): anything else before the first colon, such as
# a space, a tab or an HTML entity, is an attempt to slip a scheme past a check.
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
UNSAFE_MESSAGE = _("Enter a web address starting with http:// or https:// (or mailto: or tel:).")


def normalise_link(value: str) -> str:
    """`value` without surrounding whitespace; a host name without a scheme gets
    `https://`. Anything else is returned as is, for `validate_link` to judge."""
    value = (value or "").strip()
    if HOST.match(value):
        return f"https://{value}"
    return value


def validate_link(value: Any) -> None:
    """Refuse a non-empty value that is not an absolute link with a safe scheme."""
    if value in ("", None):
        return
    if not isinstance(value, str) or not _is_safe(value):
        raise ValidationError(UNSAFE_MESSAGE, code="unsafe_link")


def is_safe_link(value: Any) -> bool:
    """Whether `value` may be drawn as a link (an empty value may not)."""
    return isinstance(value, str) and value != "" and _is_safe(value)


def is_link_field(field: Any) -> bool:
    """Whether a model field holds a stored link (it carries `validate_link`)."""
    return validate_link in getattr(field, "validators", ())


def _is_safe(value: str) -> bool:
    # The scheme is read as a browser reads it, up to the first colon, without
    # stripping anything: " javascript:" and "java\tscript:" are refused, not repaired.
    if CONTROL.search(value) or value != value.strip():
        return False
    scheme, colon, _rest = value.partition(":")
    if not colon or not SCHEME.match(scheme) or scheme.lower() not in SAFE_SCHEMES:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # an invalid IPv6 host or port
        return False
    if parts.scheme != scheme.lower():
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname)
    return bool(parts.path)


class LinkFormField(forms.CharField):
    """A form field for a stored link: normalised, then validated."""

    default_validators = [validate_link]

    def to_python(self, value: Any) -> str:
        return normalise_link(super().to_python(value))
