"""Every write to persons."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User

from .models import Person


def create_person(
    *,
    by: User | None,
    given_name: str,
    family_name: str,
    birth_date: date | None = None,
    residence: str = "",
    language: str = "",
    phone: str = "",
    email: str = "",
) -> Person:
    person = Person(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        birth_date=birth_date,
        residence=residence,
        language=language,
        phone=phone,
        email=email,
    )
    person.full_clean()
    person.save()
    audit.record(
        by,
        "person.created",
        person=person,
        target=person,
        changes=["given_name", "family_name", "birth_date", "residence"],
    )
    return person


@transaction.atomic
def merge_persons(duplicate: Person, survivor: Person, *, by: User) -> Person:
    """Move every record of `duplicate` to `survivor`; keep the duplicate as a pointer.

    Nothing is deleted: requests and cases follow the survivor, the duplicate row stays
    (merged_into) so that old links and the audit trail still resolve.
    """
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    if duplicate.merged_into_id or survivor.merged_into_id:
        raise ValidationError(_("One of these persons was already merged."))
    moved = []
    for relation in Person._meta.related_objects:
        if relation.related_model is Person or not relation.one_to_many:
            continue
        manager = relation.related_model._base_manager
        count = manager.filter(**{relation.field.name: duplicate}).update(
            **{relation.field.name: survivor}
        )
        if count:
            moved.append(relation.related_model._meta.label_lower)
    for field in ("birth_date", "residence", "language", "phone", "email"):
        if not getattr(survivor, field) and getattr(duplicate, field):
            setattr(survivor, field, getattr(duplicate, field))
    survivor.save()
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["merged_into", "updated_at"])
    audit.record(by, "person.merged", person=survivor, target=duplicate, changes=moved)
    audit.record(by, "person.merged_away", person=duplicate, target=survivor, changes=moved)
    return survivor
