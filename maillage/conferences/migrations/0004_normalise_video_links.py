"""Normalise the stored video links and empty the unsafe ones.

A host name without a scheme gets `https://`; any other value that is not an absolute
http, https, mailto or tel link (an `ftp:` link the former URLField accepted,
`javascript:…`) is emptied, so the pages draw no link for it and the next change of the
conference is not refused for it. The rules are a frozen copy of maillage/links.py (a
migration imports no app code).
"""

import re
from urllib.parse import urlsplit

from django.db import migrations

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
    return value if is_safe(value) and len(value) <= 200 else ""


def normalise_video_links(apps, schema_editor):
    Conference = apps.get_model("conferences", "Conference")
    changed = []
    for conference in Conference.objects.exclude(video_link="").only("pk", "video_link"):
        value = normalised(conference.video_link)
        if value != conference.video_link:
            conference.video_link = value
            changed.append(conference)
    Conference.objects.bulk_update(changed, ["video_link"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0003_video_link_validator"),
    ]

    operations = [
        migrations.RunPython(normalise_video_links, migrations.RunPython.noop),
    ]
