"""Append events, seal them into the hash chain, verify it.

Appending is a plain INSERT: the event draws its `seq` (a PostgreSQL sequence, or the
largest one plus one under SQLite's single-writer lock) and carries `content_mac`, an
HMAC of its own fields. No lock is shared by all users.

Sealing (`seal()`, a periodic job) takes the chain head's lock alone and links the
events in `seq` order: each sealed event's `hash` is an HMAC over the previous sealed
event's hash and the event's content, including `prev_seq`, the sealed event before it.
The key (settings.AUDIT_KEY) is kept outside the database, so altering, inserting or
removing a sealed event breaks the chain at that event, and altering an unsealed one
breaks its `content_mac`. docs/audit.md explains which events the sealer may seal.
"""

import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from .models import AuditEvent, AuditHead

logger = logging.getLogger(__name__)

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
# Written by the sealer; part of the chained content once set.
SEALED_FIELDS = ("prev_seq",)
# PostgreSQL sequence drawing `seq` (created by migration 0005).
SEQUENCE = "audit_event_seq"
# The sealer leaves alone the events recorded less than this before the start of the
# oldest transaction still open (or before now): see docs/audit.md, "Sealing".
SEAL_MARGIN = timedelta(seconds=30)
SEAL_BATCH = 1000


def _canonical(event: AuditEvent, *, sealed: bool) -> bytes:
    content: dict[str, Any] = {}
    names = HASHED_FIELDS
    if sealed and event.prev_seq is not None:
        # Events sealed before `prev_seq` existed keep their original hash.
        names += SEALED_FIELDS
    for name in names:
        value = getattr(event, name)
        if name == "at":
            value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        elif isinstance(value, uuid.UUID):
            value = str(value)
        content[name] = value
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def _mac(message: bytes) -> str:
    return hmac.new(settings.AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    """The chain link: the previous sealed hash and this event's content."""
    return _mac(prev_hash.encode() + b"|" + _canonical(event, sealed=True))


def compute_content_mac(event: AuditEvent) -> str:
    """The event's own seal, set when it is appended."""
    return _mac(b"content|" + _canonical(event, sealed=False))


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
        # The sequence number first, then the time: an event's `at` is never earlier than
        # the moment its `seq` was drawn (the sealer relies on it).
        seq = _next_seq()
        event = AuditEvent(
            seq=seq,
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
        )
        event.content_mac = compute_content_mac(event)
        event.save(force_insert=True)
    return event


def _next_seq() -> int:
    """Draw the next sequence number; call inside the transaction that appends."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
        else:
            # SQLite: this transaction holds the database's write lock (IMMEDIATE), so no
            # other writer can draw the same number.
            cursor.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_auditevent")
        return int(cursor.fetchone()[0])


def _roles_of(actor: Any) -> str:
    roles = getattr(actor, "_audit_roles", None)
    if roles is None:
        roles = ",".join(sorted(set(actor.memberships.active().values_list("role", flat=True))))
        actor._audit_roles = roles
    return roles


def seal(*, now: datetime | None = None, batch: int = SEAL_BATCH) -> int:
    """Seal the events old enough to be final into the chain, in order; return how many.

    Safe to run at once in several workers: each batch is sealed under the head's lock.
    """
    sealed = 0
    while True:
        count = _seal_batch(now or timezone.now(), batch)
        sealed += count
        if count < batch:
            return sealed


def _seal_batch(now: datetime, batch: int) -> int:
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        upto = _sealable_upto(head.last_seq, now)
        if upto is None:
            return 0
        events = list(
            AuditEvent.objects.filter(seq__gt=head.last_seq, seq__lte=upto).order_by("seq")[:batch]
        )
        chained = []
        for event in events:
            if not _content_intact(event):
                logger.error("Audit event #%s altered before it was sealed", event.seq)
                break
            event.prev_seq, event.prev_hash = head.last_seq, head.last_hash
            event.hash = compute_hash(event.prev_hash, event)
            head.last_seq, head.last_hash = event.seq, event.hash
            chained.append(event)
        # The model refuses updates; the sealer is the one writer of these three fields.
        AuditEvent.objects.bulk_update(chained, ["prev_seq", "prev_hash", "hash"])
        head.save(update_fields=["last_seq", "last_hash"])
    return len(chained)


def _sealable_upto(last_sealed: int, now: datetime) -> int | None:
    """The highest `seq` whose every predecessor is final: committed or rolled back.

    An event's `at` is taken after its `seq` was drawn, inside its transaction. Every
    number drawn before the cutoff belongs to a transaction that had started before it;
    none of those is still open, since the cutoff is before the oldest open one. So the
    numbers up to the last event recorded before the cutoff that are missing now will
    never appear: they are gaps, recorded by the next sealed event's `prev_seq`.
    """
    cutoff = min(now, _oldest_open_transaction() or now) - SEAL_MARGIN
    return AuditEvent.objects.filter(seq__gt=last_sealed, at__lt=cutoff).aggregate(upto=Max("seq"))[
        "upto"
    ]


def _oldest_open_transaction() -> datetime | None:
    """When the oldest other open transaction began (PostgreSQL; None on SQLite, where
    the sealer's write lock means no other writer is open)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT MIN(xact_start) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        started: datetime | None = cursor.fetchone()[0]
    return started


def _content_intact(event: AuditEvent) -> bool:
    return hmac.compare_digest(event.content_mac, compute_content_mac(event))


@dataclass
class Verdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    problem: str = ""
    unsealed: int = 0


class _Broken(Exception):
    def __init__(self, seq: int, problem: str) -> None:
        self.seq, self.problem = seq, problem


def verify(batch: int = 2000) -> Verdict:
    """Recompute the sealed chain and the unsealed events' own seals; report the first
    broken event and how many are not sealed yet."""
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(pk=1)
    prev_seq, prev_hash, checked, unsealed = 0, GENESIS, 0, 0
    try:
        for event in _in_order(batch):
            if event.seq <= head.last_seq:
                _check_sealed(event, prev_seq, prev_hash)
                prev_seq, prev_hash = event.seq, event.hash
                checked += 1
                continue
            if unsealed == 0:
                _check_end(prev_seq, prev_hash, head)
            _check_unsealed(event)
            unsealed += 1
        if unsealed == 0:
            _check_end(prev_seq, prev_hash, head)
    except _Broken as broken:
        return Verdict(False, checked, broken.seq, broken.problem, unsealed)
    return Verdict(True, checked, unsealed=unsealed)


def _in_order(batch: int) -> Iterable[AuditEvent]:
    last_seq = None
    while True:
        events = AuditEvent.objects.order_by("seq")
        if last_seq is not None:
            events = events.filter(seq__gt=last_seq)
        page = list(events[:batch])
        yield from page
        if len(page) < batch:
            return
        last_seq = page[-1].seq


def _check_sealed(event: AuditEvent, prev_seq: int, prev_hash: str) -> None:
    if not event.hash:
        raise _Broken(event.seq, "event inserted into the sealed chain, or its seal removed")
    if not hmac.compare_digest(event.hash, compute_hash(event.prev_hash, event)):
        raise _Broken(event.seq, "content altered")
    if event.content_mac and not _content_intact(event):
        raise _Broken(event.seq, "content altered")
    expected = event.prev_seq if event.prev_seq is not None else event.seq - 1
    if expected > prev_seq:
        raise _Broken(expected, "event removed")
    if expected < prev_seq:
        raise _Broken(prev_seq, "event inserted into the sealed chain")
    if event.prev_hash != prev_hash:
        raise _Broken(event.seq, "link to the previous event broken")


def _check_end(last_seq: int, last_hash: str, head: AuditHead) -> None:
    if (last_seq, last_hash) != (head.last_seq, head.last_hash):
        raise _Broken(last_seq + 1, "events removed from the end of the chain")


def _check_unsealed(event: AuditEvent) -> None:
    if event.hash:
        raise _Broken(event.seq, "sealed event beyond the end of the chain")
    if not event.content_mac or not _content_intact(event):
        raise _Broken(event.seq, "content altered")
