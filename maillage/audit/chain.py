"""Append events to the hash chain and verify it.

Each event's hash is an HMAC (key from settings.AUDIT_KEY, kept outside the database)
over the previous hash and the event's canonical content. Altering, inserting or
removing any stored event breaks the chain at that event.
"""

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .models import AuditEvent, AuditHead

GENESIS = "0" * 64
# `actor_role` of events recorded by the person's own account (maillage.space).
PERSON_ROLE = "person"
# The client address of the HTTP request being served (set by middleware).
client_ip: ContextVar[str | None] = ContextVar("audit_client_ip", default=None)

HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "actor_role",
    "verb",
    "person_id",
    "case_id",
    "target_type",
    "target_id",
    "part",
    "changes",
    "purpose",
    "ip",
)


def _canonical(event: AuditEvent) -> bytes:
    content: dict[str, Any] = {}
    for name in HASHED_FIELDS:
        value = getattr(event, name)
        if name == "at":
            value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        elif isinstance(value, uuid.UUID):
            value = str(value)
        content[name] = value
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    message = prev_hash.encode() + b"|" + _canonical(event)
    return hmac.new(settings.AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def _as_uuid(obj: Any) -> uuid.UUID | None:
    if obj is None:
        return None
    return obj if isinstance(obj, uuid.UUID) else obj.pk


def record(
    actor: Any,
    verb: str,
    *,
    person: Any = None,
    case: Any = None,
    target: models.Model | None = None,
    part: str = "",
    changes: Iterable[str] = (),
    purpose: str = "",
) -> AuditEvent:
    """Append one event. `verb` is dotted and in the past tense: "request.viewed".

    `actor` is a user (or None for the system); `person` and `case` are objects or ids;
    `part` names the part of the file read or written ("consents", "journal"…).
    Only field names are recorded in `changes`, never the sensitive values.
    """
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    if authenticated and getattr(actor, "is_person_account", False):
        # The person (or representative) in their own space: the trail keeps their
        # account id, never their name, so that erasing the person leaves none here.
        label, role = "", PERSON_ROLE
    else:
        label = (str(actor) if authenticated else "")[:200]
        role = (_roles_of(actor) if authenticated else "")[:100]
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor_id=actor.pk if authenticated else None,
            actor_label=label,
            actor_role=role,
            verb=verb,
            person_id=_as_uuid(person),
            case_id=_as_uuid(case),
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            part=part,
            changes=sorted(changes),
            purpose=purpose[:500],
            ip=client_ip.get(),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event.prev_hash, event)
        event.save(force_insert=True)
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


def _roles_of(actor: Any) -> str:
    roles = getattr(actor, "_audit_roles", None)
    if roles is None:
        roles = ",".join(sorted(set(actor.memberships.active().values_list("role", flat=True))))
        actor._audit_roles = roles
    return roles


@dataclass
class Verdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str = ""


def verify(batch: int = 2000) -> Verdict:
    """Recompute the whole chain; report the first broken event."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_pk = 0
    while True:
        events = list(AuditEvent.objects.filter(pk__gt=last_pk).order_by("pk")[:batch])
        if not events:
            break
        for event in events:
            if event.seq != expected_seq:
                return Verdict(False, checked, expected_seq, "missing or reordered event")
            if event.prev_hash != prev_hash:
                return Verdict(False, checked, event.seq, "link to the previous event broken")
            if not hmac.compare_digest(event.hash, compute_hash(prev_hash, event)):
                return Verdict(False, checked, event.seq, "content altered")
            prev_hash, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
        last_pk = events[-1].pk
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev_hash):
        return Verdict(False, checked, checked + 1, "events removed from the end")
    return Verdict(True, checked)
