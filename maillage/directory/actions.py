"""Every write of the directory pages: editing a service, suggestions and their review.

Each change of a service field is recorded as an HSDS `metadata` row (resource_id,
resource_type, last_action_date, last_action_type, field_name, previous_value,
replacement_value, updated_by): that is the change history shown on the service page and
exported with the directory. Audit events name the service, never a person.
"""

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.access.directory import may_edit_directory, may_suggest_correction
from maillage.links import is_link_field, normalise_link, validate_link
from maillage.versioning import bump_version

from .forms import EDITABLE_FIELDS
from .hsds import to_text
from .models import Metadata, Service, Suggestion
from .search import reindex_service


def _convert(service: Service, field_name: str, raw: Any) -> Any:
    """A suggested value (text) as the field's Python value; ValidationError if invalid."""
    field = Service._meta.get_field(field_name)
    if raw in ("", None) and field.null:
        return None
    if is_link_field(field):
        raw = normalise_link(raw)
    try:
        value = field.to_python(raw)
        field.clean(value, service)
    except ValidationError as error:
        raise ValidationError({field_name: error.messages}) from error
    return value


def update_service(
    service: Service, *, by: Any, changes: dict[str, Any], version: int | None
) -> list[str]:
    """Apply `changes` (field → value) to an editable field set, as the editor `by`;
    returns the names of the fields that changed. StaleVersion when `version` is not the
    current one; each change becomes an HSDS metadata row."""
    if not may_edit_directory(by):
        raise PermissionDenied
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    with transaction.atomic():
        current = Service.objects.select_for_update().get(pk=service.pk)
        bump_version(current, version)
        changed = [
            name
            for name, value in changes.items()
            if to_text(getattr(current, name)) != to_text(value)
        ]
        today = timezone.localdate()
        rows = []
        for name in changed:
            rows.append(
                Metadata(
                    id=str(uuid.uuid4()),
                    resource_id=current.pk,
                    resource_type="service",
                    last_action_date=today,
                    last_action_type="update",
                    field_name=name,
                    previous_value=to_text(getattr(current, name)),
                    replacement_value=to_text(changes[name]),
                    updated_by=str(by)[:500],
                )
            )
            setattr(current, name, changes[name])
        current.last_modified = timezone.now()
        current.full_clean(exclude=["organization", "program", "id"], validate_unique=False)
        current.save(update_fields=[*changed, "last_modified"])
        Metadata.objects.bulk_create(rows)
        reindex_service(current)
        audit.record(by, "directory.service_updated", target=current, changes=changed)
    service.__dict__.update(
        {name: getattr(current, name) for name in (*changed, "version", "last_modified")}
    )
    return changed


def suggest_correction(
    service: Service, *, by: Any, field_name: str = "", proposed_value: str = "", note: str = ""
) -> Suggestion:
    """Any signed-in user suggests a correction; an editor reviews it."""
    if not may_suggest_correction(by):
        raise PermissionDenied
    if field_name and field_name not in EDITABLE_FIELDS:
        raise ValidationError({"field_name": _("Choose a field from the list.")})
    if not proposed_value.strip() and not note.strip():
        raise ValidationError(_("Give the correct value or a note."))
    proposed_value = proposed_value.strip()
    if field_name and is_link_field(Service._meta.get_field(field_name)):
        # Refused now, not only at review: the editor never sees a link they could
        # accept by mistake.
        proposed_value = normalise_link(proposed_value)
        try:
            validate_link(proposed_value)
        except ValidationError as error:
            raise ValidationError({"proposed_value": error.messages}) from error
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            service=service,
            field_name=field_name,
            proposed_value=proposed_value,
            note=note.strip(),
            suggested_by=by,
        )
        audit.record(by, "directory.correction_suggested", target=suggestion)
    return suggestion


def review_suggestion(
    suggestion: Suggestion, *, by: Any, accept: bool, review_note: str = ""
) -> Suggestion:
    """An editor accepts (the value is applied to the service, with its history) or
    rejects a pending suggestion. A suggestion without a field is accepted as noted: the
    editor makes the change in the edit form."""
    if not may_edit_directory(by):
        raise PermissionDenied
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.PENDING:
            raise ValidationError(_("This suggestion has already been reviewed."))
        if accept and suggestion.field_name:
            service = suggestion.service
            value = _convert(service, suggestion.field_name, suggestion.proposed_value)
            update_service(
                service, by=by, changes={suggestion.field_name: value}, version=service.version
            )
        suggestion.status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.REJECTED
        suggestion.reviewed_by = by
        suggestion.reviewed_at = timezone.now()
        suggestion.review_note = review_note
        suggestion.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(
            by,
            "directory.suggestion_accepted" if accept else "directory.suggestion_rejected",
            target=suggestion,
        )
    return suggestion
