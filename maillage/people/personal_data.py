"""What the people app holds about a person, for the export and the erasure
(maillage/personal_data.py): the duplicate records merged into theirs. The person's own
record is the export's "person"; its erasure is `anonymise_persons`."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.personal_data import Entry, register

ANONYMOUS_GIVEN_NAME = "—"
ANONYMOUS_FAMILY_NAME = "[anonymisé]"


def anonymise_persons(persons: QuerySet[Any]) -> int:
    """Names become a fixed marker, the birth date the 1st of January of its year,
    contact details are emptied; residence, language and dates stay (statistics)."""
    changed = 0
    for person in persons:
        person.given_name = ANONYMOUS_GIVEN_NAME
        person.family_name = ANONYMOUS_FAMILY_NAME
        if person.birth_date is not None:
            person.birth_date = date(person.birth_date.year, 1, 1)
        person.phone = ""
        person.email = ""
        person.save(update_fields=["given_name", "family_name", "birth_date", "phone", "email"])
        changed += 1
    return changed


register(
    Entry(
        key="merged_records",
        model="people.Person",
        person_path="merged_into",
        fields=(
            "given_name",
            "family_name",
            "birth_date",
            "residence",
            "language",
            "phone",
            "email",
            "created_at",
        ),
        title=_("Duplicate records merged into this one"),
        erase=anonymise_persons,
        position=20,
    ),
)
