"""What the network holds about a person, for the export and the erasure
(maillage/personal_data.py): the actors around them in each case."""

from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import REDACT, register

register(
    case_part(
        "network",
        "network.Actor",
        (
            "kind",
            "name",
            "organisation",
            "service",
            "profession",
            "sector",
            "independent",
            "relation",
            "role",
            "mission",
            "quality",
            "exhausted",
            "phone",
            "email",
            "language",
            "user",
            "started_on",
            "ended_on",
            "last_contact_on",
            "created_at",
            "updated_at",
        ),
        _("Network"),
        {
            "name": REDACT,
            "organisation": "",
            "service": "",
            "role": "",
            "mission": "",
            "phone": "",
            "email": "",
        },
        position=120,
    ),
)
