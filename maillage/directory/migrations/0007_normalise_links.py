"""Normalise the stored links and empty the unsafe ones.

A host name without a scheme (`www.brusano.brussels`) gets `https://`; any other value
that is not an absolute http, https, mailto or tel link (`javascript:…`, `data:…`, a
relative path) is emptied, so the page draws no link for it and the next edit of the
service is not refused for a field the editor did not touch. The rules are a frozen
copy of maillage/links.py (a migration imports no app code).
"""

import re
from urllib.parse import urlsplit

from django.db import migrations

LINKS = {
    "organization": ("website", "logo"),
    "service": ("url",),
    "location": ("url",),
    "schedule": ("schedule_link",),
    "requireddocument": ("uri",),
    "accessibility": ("url",),
}
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:[/?#]|$)",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_safe(value):
    if CONTROL.search(value) or value != value.strip():
        return False
    scheme, colon, _rest = value.partition(":")
    if not colon or not SCHEME.match(scheme) or scheme.lower() not in SAFE_SCHEMES:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme != scheme.lower():
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname)
    return bool(parts.path)


def normalised(value):
    value = value.strip()
    if HOST.match(value):
        value = f"https://{value}"
    return value if is_safe(value) and len(value) <= 2000 else ""


def normalise_links(apps, schema_editor):
    for model_name, fields in LINKS.items():
        model = apps.get_model("directory", model_name)
        changed = []
        for obj in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            before = [getattr(obj, name) for name in fields]
            after = [normalised(value) if value else value for value in before]
            if after != before:
                for name, value in zip(fields, after):
                    setattr(obj, name, value)
                changed.append(obj)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_link_validators"),
    ]

    operations = [
        migrations.RunPython(normalise_links, migrations.RunPython.noop),
    ]
