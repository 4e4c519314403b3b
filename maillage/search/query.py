"""Find persons, cases and requests by name, birth date or reference, within access.

`search(user, q)` starts from the querysets of `maillage.access` (`persons_visible_to`,
`cases_visible_to`, `requests_visible_to`), so a user finds only what they may list,
and records one audit event per search ("search.performed": the counts, never the
query text, which is free text about a person).

Names are compared by their keys (`people.names.name_key`: accents, case and
punctuation ignored), each word of the query against each word of the first and last
names, so swapped names match. The database narrows the candidates with the indexed
keys (`given_key`, `family_key` and `family_last_key`, the last word of a family name
of several: each word's first three letters, as a range an index serves) and orders them exact > prefix > shared start; then at most `CANDIDATE_LIMIT`
rows are ranked here: exact > prefix > one edit (a letter added, removed, changed or two
swapped) in a word of five letters or more. The number of queries does not depend on
the size of the data: at most one each for persons, cases and requests (the last two
are skipped when no person is found and no reference is given), besides the access
querysets' own and the audit event.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from maillage import access
from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.people.names import name_key

MIN_LENGTH = 2  # shorter queries are not searched
CANDIDATE_LIMIT = 100  # persons ranked in Python, at most
MAX_WORDS = 4
TYPO_MIN_LENGTH = 5  # one edit is tolerated in a word this long or longer
SHARED_START = 3  # typo candidates share the first letters of the word
SHORT_REFERENCE = 8  # the first hex characters of an id
# The indexed keys a word of the query is looked for at the start of: the family name,
# the given name, and the last word of a family name of several ("El Amrani": "amrani").
KEYS = ("family_key", "given_key", "family_last_key")

EXACT, PREFIX, TYPO, BIRTH_DATE, REFERENCE = "exact", "prefix", "typo", "birth_date", "reference"
_RANK = {EXACT: 0, PREFIX: 1, TYPO: 2}
_NO_MATCH = 3

# 12/03/1985, 12.03.1985, 12-03-1985 (day first, as written in Belgium) or 1985-03-12.
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_HEX = re.compile(r"^[0-9a-f]+$")


class _Hit:
    url: str

    @property
    def page_url(self) -> str:
        """The page of what was found (built here, by `reverse()`)."""
        return self.url


@dataclass(frozen=True)
class PersonHit(_Hit):
    id: UUID
    label: str
    url: str
    birth_date: date | None
    match: str  # exact, prefix, typo or birth_date


@dataclass(frozen=True)
class CaseHit(_Hit):
    id: UUID
    label: str
    url: str
    reference: str
    programme: str
    phase: str
    phase_label: str
    opened_at: datetime


@dataclass(frozen=True)
class RequestHit(_Hit):
    id: UUID
    label: str
    url: str
    reference: str
    programme: str
    status: str
    status_label: str
    received_at: datetime


@dataclass
class Results:
    persons: list[PersonHit] = field(default_factory=list)
    cases: list[CaseHit] = field(default_factory=list)
    requests: list[RequestHit] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.persons or self.cases or self.requests)

    def counts(self) -> dict[str, int]:
        return {
            "persons": len(self.persons),
            "cases": len(self.cases),
            "requests": len(self.requests),
        }


@dataclass(frozen=True)
class Terms:
    """What a query asks for: name words (keys), a birth date, references."""

    words: tuple[str, ...]
    birth_date: date | None
    ids: tuple[UUID, ...]  # whole ids
    prefixes: tuple[str, ...]  # short references (first hex characters)

    def __bool__(self) -> bool:
        return bool(self.words or self.birth_date or self.ids or self.prefixes)


def is_searchable(q: str) -> bool:
    return len(q.strip()) >= MIN_LENGTH


def short_reference(pk: UUID) -> str:
    return pk.hex[:SHORT_REFERENCE]


def parse(q: str) -> Terms:
    words: list[str] = []
    birth_date = None
    ids: list[UUID] = []
    prefixes: list[str] = []
    for raw in q.split():
        token = raw.strip(",;()#").lower()
        parsed = _as_date(token)
        if parsed is not None:
            birth_date = parsed
            continue
        if _as_uuid(token) is not None:
            ids.append(_as_uuid(token))  # type: ignore[arg-type]
            continue
        if len(token) == SHORT_REFERENCE and _HEX.match(token):
            prefixes.append(token)
            if any(ch.isdigit() for ch in token):
                continue  # a reference, not a name
        words += name_key(raw).split()
    return Terms(tuple(dict.fromkeys(words))[:MAX_WORDS], birth_date, tuple(ids), tuple(prefixes))


def _as_date(token: str) -> date | None:
    if match := _DAY_FIRST.match(token):
        day, month, year = match.groups()
    elif match := _ISO.match(token):
        year, month, day = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _as_uuid(token: str) -> UUID | None:
    if len(token) not in (32, 36):
        return None
    try:
        return UUID(token)
    except ValueError:
        return None


def search(user: Any, q: str, limit: int = 20) -> Results:
    """What `user` may see that matches `q`, in three groups, best first; audited."""
    if not is_searchable(q):
        return Results()
    terms = parse(q)
    results = Results()
    if terms:
        persons = _persons(access.persons_visible_to(user), terms, limit)
        results.persons = persons
        rank = {hit.id: position for position, hit in enumerate(persons)}
        owners = list(rank)
        results.cases = _cases(access.cases_visible_to(user), terms, owners, rank, limit)
        results.requests = _requests(access.requests_visible_to(user), terms, owners, rank, limit)
    access.record_search(user, **results.counts())
    return results


# Persons


def _persons(visible: QuerySet[Person], terms: Terms, limit: int) -> list[PersonHit]:
    if not terms.words and terms.birth_date is None:
        return []
    persons = visible
    if terms.birth_date is not None:
        persons = persons.filter(birth_date=terms.birth_date)
    persons = persons.only(
        "id", "given_name", "family_name", "birth_date", "given_key", "family_key"
    )
    if not terms.words:
        return [
            _person_hit(person, BIRTH_DATE)
            for person in persons.order_by("family_key", "given_key")[:limit]
        ]
    candidates = name_candidates(persons, terms.words)
    if candidates is None:
        return []
    ranked = []
    for person in candidates:
        kinds = _match_kinds(terms.words, person.given_key, person.family_key)
        if kinds is None:
            continue
        ranked.append(((max(kinds), sum(kinds), person.family_key, person.given_key), person))
    ranked.sort(key=lambda pair: pair[0])
    names = {rank: kind for kind, rank in _RANK.items()}
    return [_person_hit(person, names[key[0]]) for key, person in ranked[:limit]]


def name_candidates(persons: QuerySet[Person], words: tuple[str, ...]) -> QuerySet[Person] | None:
    """The persons whose names may match `words`, as the database orders them (exact,
    prefix, shared start), at most CANDIDATE_LIMIT; None when no word is long enough."""
    near = Q()
    for word in words:
        if len(word) >= TYPO_MIN_LENGTH:
            near |= _starts(word[:SHARED_START])  # a typo may follow the first letters
        elif len(word) >= MIN_LENGTH:
            near |= _starts(word)  # exact or prefix only
    if not near:
        return None
    return (
        persons.filter(near)
        .annotate(rank=sum((_db_rank(word) for word in words), Value(0)))
        .order_by("rank", "family_key", "given_key")[:CANDIDATE_LIMIT]
    )


def _starts(prefix: str) -> Q:
    """A key starts with `prefix`: a range the keys' indexes serve on every
    database (a case-insensitive LIKE would not use them on SQLite), and the prefix
    itself (collations may order words differently from their letters)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    found = Q()
    for name in KEYS:
        found |= Q(**{f"{name}__gte": prefix, f"{name}__lt": upper, f"{name}__startswith": prefix})
    return found


def _db_rank(word: str) -> When_:
    """The database's first ordering of a word: exact key, key prefix, shared start."""
    exact, prefix, start = Q(), Q(), Q()
    for name in KEYS:
        exact |= Q(**{name: word})
        prefix |= Q(**{f"{name}__startswith": word})
        start |= Q(**{f"{name}__startswith": word[:SHARED_START]})
    return When_(
        When(exact, then=Value(_RANK[EXACT])),
        When(prefix, then=Value(_RANK[PREFIX])),
        When(start, then=Value(_RANK[TYPO])),
        default=Value(_NO_MATCH),
        output_field=IntegerField(),
    )


def _match_kinds(words: tuple[str, ...], given_key: str, family_key: str) -> list[int] | None:
    """How each word of the query matches a word of the names; None if one does not."""
    names = given_key.split() + family_key.split()
    kinds = []
    for word in words:
        kind = _match_kind(word, names)
        if kind is None:
            return None
        kinds.append(kind)
    return kinds


def _match_kind(word: str, names: list[str]) -> int | None:
    if word in names:
        return _RANK[EXACT]
    if any(name.startswith(word) for name in names):
        return _RANK[PREFIX]
    if len(word) >= TYPO_MIN_LENGTH and any(one_edit_apart(word, name) for name in names):
        return _RANK[TYPO]
    return None


def one_edit_apart(a: str, b: str) -> bool:
    """At most one letter added, removed, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _person_hit(person: Person, match: str) -> PersonHit:
    return PersonHit(
        id=person.pk,
        label=f"{person.given_name} {person.family_name}",
        url=reverse("people:detail", kwargs={"person_id": person.pk}),
        birth_date=person.birth_date,
        match=match,
    )


# Cases and requests: those of the persons found, and those named by reference.


def _references(terms: Terms) -> Q:
    found = Q()
    for pk in terms.ids:
        found |= Q(pk=pk)
    for prefix in terms.prefixes:
        low = UUID(prefix.ljust(32, "0"))
        high = UUID(prefix.ljust(32, "f"))
        found |= Q(pk__gte=low, pk__lte=high)
    return found


def _of(owners: list[UUID], terms: Terms) -> Q | None:
    wanted = _references(terms)
    if owners:
        wanted |= Q(person_id__in=owners)
    return wanted or None


def _order(rank: dict[UUID, int], person_id: UUID) -> int:
    return rank.get(person_id, -1)  # named by reference first


def _cases(
    visible: QuerySet[Case], terms: Terms, owners: list[UUID], rank: dict[UUID, int], limit: int
) -> list[CaseHit]:
    wanted = _of(owners, terms)
    if wanted is None:
        return []
    cases = list(
        visible.filter(wanted)
        .select_related("person", "programme")
        .only(
            "id",
            "phase",
            "opened_at",
            "person__given_name",
            "person__family_name",
            "programme__code",
            "programme__name_fr",
            "programme__name_nl",
            "programme__name_en",
        )
        .order_by("-opened_at")[:limit]
    )
    cases.sort(key=lambda case: (_order(rank, case.person_id), case.phase == Case.Phase.CLOSED))
    return [
        CaseHit(
            id=case.pk,
            label=str(case.person),
            url=reverse("cases:detail", kwargs={"case_id": case.pk}),
            reference=short_reference(case.pk),
            programme=case.programme.name,
            phase=case.phase,
            phase_label=str(case.get_phase_display()),
            opened_at=case.opened_at,
        )
        for case in cases
    ]


def _requests(
    visible: QuerySet[SupportRequest],
    terms: Terms,
    owners: list[UUID],
    rank: dict[UUID, int],
    limit: int,
) -> list[RequestHit]:
    wanted = _of(owners, terms)
    if wanted is None:
        return []
    found = list(
        visible.filter(wanted)
        .select_related("person", "programme")
        .only(
            "id",
            "status",
            "received_at",
            "person__given_name",
            "person__family_name",
            "programme__code",
            "programme__name_fr",
            "programme__name_nl",
            "programme__name_en",
        )
        .order_by("-received_at")[:limit]
    )
    found.sort(key=lambda r: (_order(rank, r.person_id), r.status != SupportRequest.Status.OPEN))
    return [
        RequestHit(
            id=r.pk,
            label=str(r.person),
            url=reverse("intake:detail", kwargs={"request_id": r.pk}),
            reference=short_reference(r.pk),
            programme=r.programme.name,
            status=r.status,
            status_label=str(r.get_status_display()),
            received_at=r.received_at,
        )
        for r in found
    ]
