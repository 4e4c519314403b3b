"""Search the directory: the database's own full-text index, ranked, with filters.

Each service has one `SearchDocument` (its filters: domains, communes, languages, ages,
free of charge, status — narrow, read for every match) and one `SearchText` beside it
(same id), its text in three weighted parts, lowercased and accent-stripped here in
Python (so PostgreSQL needs no `unaccent`):

    name_text   service name and alternate name                      (weight 10 / A)
    terms_text  a token per life domain ("zzdomainhousing"), other taxonomy terms (4 / B)
    body_text   organisation, descriptions, eligibility, fees, languages, communes FR/NL (1 / D)

Hyphenated words are also indexed written as one ("Bru-Stars" → "brustars").

The database indexes the text itself: on SQLite an FTS5 table (tokenizer `unicode61
remove_diacritics 2`) kept in step by triggers and ranked by `bm25`; on PostgreSQL a
generated `tsvector` column ('simple' configuration) with a GIN index, ranked by `ts_rank`
(migration 0004).

A query word the index does not know (neither as a word nor as the start of one) is split
in two known words when it is a compound ("casemanagement"), else replaced by the closest
word of the index vocabulary (`SearchWord`, copied from `fts5vocab` / `ts_stat`) or of
the life-domain keywords within one edit (two for words of eight letters or more, an
edit being an insertion, deletion, substitution or swap of neighbours). Words forming a
life-domain keyword (`life_domains.KEYWORDS` and labels, in FR/NL/EN) also ask for that
domain's token, so its services match and rank first. Units are combined with AND; when
that finds nothing, with OR. Matches whose name matches or that serve a domain the query
names come first, then those that only mention the words; within each, by rank. A query
returns its MAX_RANKED best services (see docs/directory.md "Search" for the measures behind these choices).
"""

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, StrIndex

from maillage.categories import LifeDomain
from maillage.territory.communes import BY_NIS

from .life_domains import keywords as life_domain_keywords
from .models import (
    Attribute,
    CostOption,
    Language,
    SearchDocument,
    SearchText,
    SearchWord,
    Service,
    ServiceArea,
)

BRUSSELS_REGION_NIS = "04000"
WORD = re.compile(r"[a-z0-9]+")
# Short grammatical words in the three languages: never required in a query.
STOP_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "un",
        "une",
        "et",
        "ou",
        "pour",
        "en",
        "au",
        "aux",
        "a",
        "dans",
        "sur",
        "avec",
        "par",
        "het",
        "een",
        "en",
        "of",
        "voor",
        "van",
        "in",
        "op",
        "met",
        "te",
        "aan",
        "bij",
        "the",
        "an",
        "of",
        "for",
        "and",
        "or",
        "in",
        "on",
        "with",
        "to",
        "at",
        "by",
    ]
)
FREE_WORDS = ("gratuit", "gratuite", "gratis", "free", "kosteloos", "sans frais", "zonder kosten")
WEIGHTS_SQLITE = "10.0, 4.0, 1.0"  # bm25 weights of name_text, terms_text, body_text
# PostgreSQL: ts_rank divides by 1 + log(document length), as bm25 normalises by length on
# SQLite: a service of one domain ranks above one listing many for the same words.
RANK_NORMALISATION_POSTGRESQL = 1
# A service's life domains are indexed as one token each ("zzdomainhousing", in terms_text):
# a query naming a domain's keyword also asks for that token, so the domain's services
# rank first. The tokens are not words: kept out of the vocabulary used for typos.
CONCEPT_PREFIX = "zzdomain"
# A service of one domain has its token twice, others once each: a specialist ranks
# above a generalist, yet 2 × weight 4 stays below one name match (weight 10).
DOMAIN_SHARE = 2
# Letters joined by a hyphen or a middle dot also form one word: "Bru-Stars" is found by
# "brustars", "aidant·es" by "aidantes".
JOINED = re.compile(r"[a-z0-9]+(?:[-\u2010\u2011\u00b7\u2027][a-z0-9]+)+")
BATCH = 2000
# A query returns its best matches only (nobody reads further; ranking stays fast).
MAX_RANKED = 200


def normalise(text: str) -> str:
    """Lowercase without accents: 'Santé' → 'sante'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def with_joined(text: str) -> str:
    """The normalised text followed by its hyphenated words written as one ("bru-stars"
    adds "brustars"), so a query may write them either way."""
    text = normalise(text)
    joined = ["".join(WORD.findall(match)) for match in JOINED.findall(text)]
    return f"{text} {' '.join(joined)}" if joined else text


def concept(code: str) -> str:
    """The index token of a life domain ("housing" → "zzdomainhousing")."""
    return CONCEPT_PREFIX + code.replace("_", "")


@lru_cache(maxsize=1)
def thesaurus() -> dict[tuple[str, ...], frozenset[str]]:
    """Each life-domain keyword (labels in FR/NL/EN and KEYWORDS), as its query words
    (stop words left out), → the domains it names."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for code in LifeDomain.values:
        for keyword in life_domain_keywords(code):
            key = tuple(w for w in words(keyword) if w not in STOP_WORDS)
            if key:
                found[key].add(code)
    return {key: frozenset(codes) for key, codes in found.items()}


@lru_cache(maxsize=1)
def keyword_words() -> dict[str, frozenset[str]]:
    """Every word of the life-domain keywords → the domains whose keywords hold it."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, codes in thesaurus().items():
        for word in key:
            found[word].update(codes)
    return {word: frozenset(codes) for word, codes in found.items()}


def keyword_domains(terms: tuple[str, ...]) -> frozenset[str]:
    """The life domains query words name: those of the keyword they form ("gezondheid" is
    a keyword of physical health only, "geestelijke gezondheid" of mental health); else,
    for one word of three letters or more, those of every keyword with a word starting
    with it ("psych", "geestelijke", "mentale")."""
    found = thesaurus().get(terms)
    if found is not None:
        return found
    if len(terms) != 1 or len(terms[0]) < 3:
        return frozenset()
    prefix = terms[0]
    codes: set[str] = set()
    for word, domains in keyword_words().items():
        if word.startswith(prefix):
            codes.update(domains)
    return frozenset(codes)


# Building the documents


def _documents(services: list[Service]) -> list[tuple[SearchDocument, SearchText]]:
    """The search documents (filters, text) of these services, in a fixed number of queries."""
    ids = [service.pk for service in services]
    domains: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, list[str]] = defaultdict(list)
    attributes = Attribute.objects.filter(link_id__in=ids).values_list(
        "link_id", "taxonomy_term__code", "taxonomy_term__name"
    )
    for link_id, code, name in attributes:
        if code in LifeDomain.values:
            domains[link_id].add(code)
        elif name:
            terms[link_id].append(name)
    areas: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for service_id, commune, name in ServiceArea.objects.filter(service_id__in=ids).values_list(
        "service_id", "commune", "name"
    ):
        areas[service_id].append((commune, name))
    languages: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for service_id, code, name in Language.objects.filter(service_id__in=ids).values_list(
        "service_id", "code", "name"
    ):
        languages[service_id].append((code, name))
    costs: dict[str, list[tuple[float | None, str]]] = defaultdict(list)
    for service_id, amount, option, description in CostOption.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "amount", "option", "amount_description"):
        costs[service_id].append((amount, f"{option} {description}"))
    documents = []
    for service in services:
        codes = sorted(domains[service.pk])
        communes = sorted({c for c, _ in areas[service.pk] if c in BY_NIS})
        region = any(c == BRUSSELS_REGION_NIS for c, _ in areas[service.pk])
        language_codes = sorted({normalise(code)[:3] for code, _ in languages[service.pk] if code})
        # The domains as tokens only, not their keywords' words: the query asks for the
        # token when it names a keyword (query_units), so a word shared by several
        # domains' keywords matches no domain it does not name, and a name or
        # description holding the word itself keeps its weight (bm25's idf).
        # The domains share the service's weight (DOMAIN_SHARE), as term frequency.
        share = max(1, DOMAIN_SHARE // len(codes)) if codes else 0
        domain_text = " ".join(" ".join([concept(code)] * share) for code in codes)
        body = [
            service.organization.name if service.organization_id else "",
            service.organization.alternate_name if service.organization_id else "",
            service.description,
            service.eligibility_description,
            service.fees_description,
            service.application_process,
            " ".join(f"{code} {name}" for code, name in languages[service.pk]),
            " ".join(name for _, name in areas[service.pk]),
            " ".join(f"{BY_NIS[c].name_fr} {BY_NIS[c].name_nl}" for c in communes),
        ]
        document = SearchDocument(
            service=service,
            domains=_codes(codes),
            communes=_codes(communes),
            all_communes=region or not communes,
            languages=_codes(language_codes),
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            free=_free(service, costs[service.pk]),
            status=(service.status or "").lower(),
        )
        text = SearchText(
            name_text=with_joined(f"{service.name} {service.alternate_name}"),
            terms_text=f"{domain_text} {_unique(with_joined(' '.join(terms[service.pk])))}".strip(),
            body_text=with_joined(" ".join(part for part in body if part)),
        )
        documents.append((document, text))
    return documents


def _unique(text: str) -> str:
    """The words of a text, each once, in order."""
    return " ".join(dict.fromkeys(words(text)))


def _codes(values: Iterable[str]) -> str:
    values = list(values)
    return f" {' '.join(values)} " if values else ""


def _free(service: Service, costs: list[tuple[float | None, str]]) -> bool | None:
    """Free of charge: a cost option of amount 0, or fees that say free (gratuit, gratis,
    free, kosteloos…); costs something: an amount above 0 or fees without such a word;
    otherwise not said (None)."""
    texts = [normalise(service.fees_description), normalise(service.fees)]
    texts += [normalise(text) for _, text in costs]
    if any(amount == 0 for amount, _ in costs) or any(
        word in text for text in texts for word in FREE_WORDS
    ):
        return True
    if any(amount and amount > 0 for amount, _ in costs) or any(t.strip() for t in texts):
        return False
    return None


def reindex_service(service: Service | str) -> None:
    """Index one service again (after an edit); its new words join the vocabulary."""
    service_id = service.pk if isinstance(service, Service) else service
    found = list(Service.objects.select_related("organization").filter(pk=service_id))
    with transaction.atomic():
        SearchDocument.objects.filter(service_id=service_id).delete()
        if not found:
            return
        document, text = _documents(found)[0]
        document.save()
        text.document = document
        text.save(force_insert=True)
        new_words = set(words(f"{text.name_text} {text.terms_text} {text.body_text}"))
        SearchWord.objects.bulk_create(
            [
                SearchWord(word=w[:100], length=len(w))
                for w in new_words
                if len(w) > 2 and not w.startswith(CONCEPT_PREFIX)
            ],
            ignore_conflicts=True,
        )


def rebuild_index() -> int:
    """Index every service again (after an import); returns the number indexed."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        done = 0
        ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = list(
                Service.objects.select_related("organization").filter(
                    pk__in=ids[start : start + BATCH]
                )
            )
            pairs = _documents(batch)
            SearchDocument.objects.bulk_create([d for d, _ in pairs], batch_size=500)
            for document, text in pairs:
                text.document = document
            SearchText.objects.bulk_create([t for _, t in pairs], batch_size=500)
            done += len(batch)
        _rebuild_vocabulary()
        _analyse()
    return done


def _analyse() -> None:
    """Fresh statistics, so the planners pick the indexes (e.g. walk names for a page)."""
    tables = ("directory_service", "directory_search_document", "directory_search_text")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def _rebuild_vocabulary() -> None:
    """Copy the index's own vocabulary (words of three letters or more)."""
    SearchWord.objects.all().delete()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO directory_search_word (word, length, documents) "
                "SELECT term, length(term), doc FROM directory_search_vocab "
                "WHERE length(term) BETWEEN 3 AND 100 AND substr(term, 1, %s) != %s",
                [len(CONCEPT_PREFIX), CONCEPT_PREFIX],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO directory_search_word (word, length, documents) "
                "SELECT word, length(word), ndoc FROM ts_stat("
                "'SELECT search_vector FROM directory_search_text') "
                "WHERE length(word) BETWEEN 3 AND 100 AND left(word, %s) != %s",
                [len(CONCEPT_PREFIX), CONCEPT_PREFIX],
            )
        else:  # pragma: no cover - other databases: the words of the documents
            counts: dict[str, int] = defaultdict(int)
            for row in SearchText.objects.values_list("name_text", "terms_text", "body_text"):
                for word in set(words(" ".join(row))):
                    if not word.startswith(CONCEPT_PREFIX):
                        counts[word] += 1
            SearchWord.objects.bulk_create(
                [SearchWord(word=w[:100], length=len(w), documents=n) for w, n in counts.items()]
            )


# Typo tolerance


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein without repeated edits of
    one substring); stops early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _known(word: str) -> bool:
    """Whether the vocabulary (of the index, or of the life-domain keywords) has this word
    or words starting with it (by index range)."""
    if any(known.startswith(word) for known in keyword_words()):
        return True
    if connection.vendor == "sqlite":  # LIKE would scan: a range on the primary key
        known = SearchWord.objects.filter(word__gte=word, word__lt=word + "\U0010ffff")
    else:  # PostgreSQL: LIKE 'x%' uses the varchar_pattern_ops index (migration 0002)
        known = SearchWord.objects.filter(word__startswith=word)
    return known.exists()


def correct(word: str) -> list[str]:
    """The word itself when the index knows it (or words starting with it), else the two
    known words it is written as (a compound), else the closest word of the vocabulary
    within the allowed edits, else the word itself."""
    if len(word) < 4 or word.isdigit() or _known(word):
        return [word]
    return split_compound(word) or [_closest(word)]


def _closest(word: str) -> str:
    """The closest word of the vocabulary within the allowed edits, else the word."""
    limit = 2 if len(word) >= 8 else 1
    candidates = SearchWord.objects.filter(
        length__range=(len(word) - limit, len(word) + limit)
    ).filter(Q(word__startswith=word[0]) | Q(word__contains=word[1:4]))
    found = dict(candidates.values_list("word", "documents")[:5000])
    for keyword in keyword_words():  # the domains' keywords, indexed as tokens only
        if abs(len(keyword) - len(word)) <= limit:
            found.setdefault(keyword, 0)
    best, best_key = word, None
    for candidate, documents in found.items():
        edits = distance(word, candidate, limit)
        if edits <= limit:
            key = (edits, -documents, candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def split_compound(word: str) -> list[str]:
    """A word the index does not know, as two words it knows, when it is written as one
    ("casemanagement" → case, management; "liaisondienst" → liaison, dienst), a Dutch
    linking s allowed ("gezondheidszorg" → gezondheid, zorg); else []. Longest first
    part wins. One query."""
    if len(word) < 6 or word.isdigit():
        return []
    splits = []
    for cut in range(len(word) - 3, 2, -1):
        first, rest = word[:cut], word[cut:]
        splits.append((first, rest))
        if first.endswith("s") and len(first) > 3:
            splits.append((first[:-1], rest))
    parts = {part for split in splits for part in split}
    known = set(SearchWord.objects.filter(word__in=parts).values_list("word", flat=True))
    known.update(part for part in parts if part in keyword_words())
    for first, rest in splits:
        if first in known and rest in known and not {first, rest} & STOP_WORDS:
            return [first, rest]
    return []


def query_words(query: str) -> list[str]:
    """The words of a query that count, each corrected when the index does not know it
    (split in two when it is two known words written as one)."""
    found = [w for w in words(query) if len(w) <= 100]
    meaningful = [w for w in found if w not in STOP_WORDS] or found
    seen: list[str] = []
    for word in meaningful:
        for found_word in correct(word):
            if found_word not in seen:
                seen.append(found_word)
    return seen[:12]


class Unit(NamedTuple):
    """One part of a query: words that must all match, or any service of `domains` (the
    life domains these words name as a keyword)."""

    words: tuple[str, ...]
    domains: tuple[str, ...] = ()


def query_units(terms: list[str]) -> list[Unit]:
    """The query words, grouped: the longest run of words forming a life-domain keyword
    ("geestelijke gezondheid", "gezondheid", "sans abri") becomes one unit naming its
    domains; another word names the domains of the keywords with a word starting with it
    (`keyword_domains`), if any."""
    keywords = thesaurus()
    longest = max((len(key) for key in keywords), default=1)
    units: list[Unit] = []
    start = 0
    while start < len(terms):
        for size in range(min(longest, len(terms) - start), 1, -1):
            key = tuple(terms[start : start + size])
            if key in keywords:
                units.append(Unit(key, tuple(sorted(keywords[key]))))
                start += size
                break
        else:
            key = (terms[start],)
            units.append(Unit(key, tuple(sorted(keyword_domains(key)))))
            start += 1
    return units


# Searching


def search_services(
    query: str = "",
    *,
    life_domain: str | None = None,
    commune: str | None = None,
    language: str | None = None,
    age: float | int | None = None,
    free: bool | None = None,
    status: str | None = "active",
    taxonomy_term_id: str | None = None,
    organization_id: str | None = None,
    prefer_commune: str | None = None,
) -> QuerySet[Service]:
    """Services matching the query and filters, best first when there is a query (each
    row then carries `rank`), by name otherwise. With `prefer_commune` (a NIS code), the
    services serving that commune (as the `commune` filter keeps them) come first, the
    others after, each group in that same order: a ranking, nothing is left out.

    Filters: `life_domain` (LifeDomain code); `commune` (NIS code: services whose areas
    include it, or that name no single commune — no area, or the whole region); `language`
    (ISO code, e.g. "nl"); `age` (within minimum and maximum age, a missing bound does not
    limit); `free` (True: free of charge, False: costs something — see `_free`); `status`
    ("active" by default, None for any); `taxonomy_term_id` (any HSDS term attached to the
    service through an `attribute`); `organization_id` (its HSDS organization)."""
    # The organisation by primary key after the page (a join here misleads SQLite's plan).
    services = Service.objects.prefetch_related("organization")
    conditions = _conditions(
        life_domain, commune, language, age, free, status, taxonomy_term_id, organization_id
    )
    terms = query_words(query) if query else []
    if not terms:
        # A list subquery: SQLite walks the name index, checks membership, stops at the page.
        if conditions:
            matching = SearchDocument.objects.filter(_on("", conditions))
            services = services.filter(pk__in=matching.values("service_id"))
        if prefer_commune:  # read on the service's own document (one join, no subquery)
            serving = Case(
                When(_on("search_document__", [_serves(prefer_commune)]), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
            return services.alias(elsewhere=serving).order_by("elsewhere", "name", "pk")
        return services.order_by("name", "pk")
    best = _best(_ranked(query_units(terms), conditions))
    if prefer_commune:
        serving = set(
            SearchDocument.objects.filter(
                _on("", [_serves(prefer_commune)]), service_id__in=_listed(best)
            ).values_list("service_id", flat=True)
        )
        best = [pk for pk in best if pk in serving] + [pk for pk in best if pk not in serving]
    # The order of `best`, as the position of each id in one string (cheap in SQL). At
    # most MAX_RANKED rows, read by primary key with their organisation.
    order = "|" + "|".join(best) + "|"
    return (
        Service.objects.select_related("organization")
        .filter(pk__in=_listed(best))
        .annotate(rank=StrIndex(Value(order), Concat(Value("|"), "pk", Value("|"))))
        .order_by("rank")
    )


def ranked_service_ids(
    query: str,
    *,
    life_domain: str | None = None,
    commune: str | None = None,
    language: str | None = None,
    age: float | int | None = None,
    free: bool | None = None,
    status: str | None = "active",
    taxonomy_term_id: str | None = None,
    organization_id: str | None = None,
) -> QuerySet[Any] | None:
    """Every matching service id, best first, uncapped (for paging through all results,
    as the HSDS API does: slice it, and `.count()` it for the total); None when the query
    has no words to search for (then `search_services` lists by name)."""
    terms = query_words(query) if query else []
    if not terms:
        return None
    conditions = _conditions(
        life_domain, commune, language, age, free, status, taxonomy_term_id, organization_id
    )
    return _ranked(query_units(terms), conditions)


def _listed(ids: list[str]) -> RawSQL:
    """The ids as a subquery of one parameter (a JSON list): `pk__in` of 200 ids would
    cost Django 200 parameters to prepare, and SQLite, given a list, plans a join from
    the other side (every organisation, then its services)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT jsonb_array_elements_text(%s::jsonb)", [json.dumps(ids)])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


def _best(ranked: QuerySet[Any]) -> list[str]:
    """The MAX_RANKED first ids of a ranking.

    On PostgreSQL, costed for memory-resident pages (`random_page_cost` 1.1, for this one
    query): with the default (4, for spinning disks) the planner reads every row of the
    text table and tests its tsvector rather than take the matches from the GIN index as
    soon as a query matches a few percent of the directory — a life domain, a common word
    — which halved the ranking's time at 20,000 services (docs/directory.md, "Search")."""
    if connection.vendor != "postgresql":
        return list(ranked[:MAX_RANKED])
    nested = connection.in_atomic_block  # then the setting would outlive this query
    with transaction.atomic(), connection.cursor() as cursor:
        if nested:
            cursor.execute("SHOW random_page_cost")
            previous = cursor.fetchone()[0]
        cursor.execute("SET LOCAL random_page_cost = 1.1")
        best = list(ranked[:MAX_RANKED])
        if nested:
            cursor.execute("SELECT set_config('random_page_cost', %s, true)", [previous])
    return best


def _ranked(units: list[Unit], conditions: list[Any]) -> QuerySet[Any]:
    """Service ids matching the query units and conditions, best first."""
    documents = SearchDocument.objects.filter(_on("", conditions))
    if connection.vendor == "postgresql":
        ranked = _ranked_postgresql(documents, units)
    else:
        ranked = _ranked_sqlite(documents, units)
    return ranked.values_list("service_id", flat=True)


Condition = tuple[str, Any]


def _conditions(
    life_domain: str | None,
    commune: str | None,
    language: str | None,
    age: float | int | None,
    free: bool | None,
    status: str | None,
    taxonomy_term_id: str | None,
    organization_id: str | None = None,
) -> list[Q | Condition]:
    """The filters on a SearchDocument, as (lookup, value) pairs or Q of such pairs."""
    found: list[Q | Condition] = []
    if status:
        found.append(("status", status.lower()))
    if life_domain:
        found.append(("domains__contains", f" {life_domain} "))
    if commune:
        found.append(_serves(commune))
    if language:
        found.append(("languages__contains", f" {normalise(language)[:3]} "))
    if age is not None:
        found.append(Q(minimum_age__isnull=True) | Q(minimum_age__lte=age))
        found.append(Q(maximum_age__isnull=True) | Q(maximum_age__gte=age))
    if free is not None:
        found.append(("free", free))
    if taxonomy_term_id:
        linked = Attribute.objects.filter(taxonomy_term_id=taxonomy_term_id).values("link_id")
        found.append(("service_id__in", linked))
    if organization_id:
        found.append(("service__organization_id", organization_id))
    return found


def _serves(commune: str) -> Q:
    """Services of this commune (NIS code), or that name no single commune."""
    return Q(all_communes=True) | Q(communes__contains=f" {commune} ")


def _on(prefix: str, conditions: list[Q | Condition]) -> Q:
    """The conditions as one Q, each lookup prefixed (e.g. "search_document__")."""

    def prefixed(node: Q | Condition) -> Q:
        if isinstance(node, Q):
            result = Q(*(prefixed(child) for child in node.children), _connector=node.connector)
            result.negated = node.negated
            return result
        lookup, value = node
        return Q(**{prefix + lookup: value})

    combined = Q()
    for condition in conditions:
        combined &= prefixed(condition)
    return combined


def _ranked_sqlite(documents: QuerySet[SearchDocument], units: list[Unit]) -> QuerySet[Any]:
    def term(word: str) -> str:
        return f'"{word}"*' if len(word) >= 3 else f'"{word}"'

    def unit(part: Unit) -> str:
        text = " AND ".join(term(word) for word in part.words)
        if not part.domains:
            return text
        text = f"({text})" if len(part.words) > 1 else text
        concepts = " OR ".join(f'"{concept(code)}"' for code in part.domains)
        return f"({text} OR {concepts})"

    def match(joiner: str) -> str:
        return f" {joiner} ".join(unit(part) for part in units)

    def in_names(joiner: str) -> str:
        words = (" AND ".join(term(word) for word in part.words) for part in units)
        return "name_text : (" + f" {joiner} ".join(f"({text})" for text in words) + ")"

    joiner = "AND"
    expression = match(joiner)
    if len(units) > 1:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM directory_search_fts WHERE directory_search_fts MATCH %s LIMIT 1",
                [expression],
            )
            if cursor.fetchone() is None:
                joiner = "OR"
                expression = match(joiner)
    tier, tier_params = _tier(
        "directory_search_document.id IN (SELECT rowid FROM directory_search_fts "
        "WHERE directory_search_fts MATCH %s)",
        in_names(joiner),
        units,
    )
    # extra(): the FTS table has no model; the query text is a bound parameter.
    return documents.extra(  # noqa: S610
        tables=["directory_search_fts"],
        where=[
            "directory_search_fts.rowid = directory_search_document.id",
            "directory_search_fts MATCH %s",
        ],
        params=[expression],
        select={"tier": tier, "rank": f"-bm25(directory_search_fts, {WEIGHTS_SQLITE})"},
        select_params=tier_params,
        order_by=["-tier", "-rank", "service_id"],  # ties in a stable order, for paging
    )


def _tier(name_match: str, name_expression: str, units: list[Unit]) -> tuple[str, list[Any]]:
    """SQL for the tier of a match: 1 when its name matches the query words or it serves a
    life domain the query names, 0 when the words are only in its other text. Ranked by
    tier first, a rare word in a description (high idf) cannot push a service below those
    the query is about, whatever bm25 makes of a domain found in half the directory."""
    codes = sorted({code for part in units for code in part.domains})
    conditions = [name_match] + ["directory_search_document.domains LIKE %s"] * len(codes)
    params: list[Any] = [name_expression] + [f"% {code} %" for code in codes]
    return f"(CASE WHEN {' OR '.join(conditions)} THEN 1 ELSE 0 END)", params


def _ranked_postgresql(documents: QuerySet[SearchDocument], units: list[Unit]) -> QuerySet[Any]:
    def term(word: str) -> str:
        return f"{word}:*" if len(word) >= 3 else word

    def unit(part: Unit) -> str:
        text = " & ".join(term(word) for word in part.words)
        if not part.domains:
            return f"({text})" if len(part.words) > 1 else text
        text = f"({text})" if len(part.words) > 1 else text
        concepts = " | ".join(concept(code) for code in part.domains)
        return f"({text} | {concepts})"

    def tsquery(joiner: str) -> str:
        return f" {joiner} ".join(unit(part) for part in units)

    def in_names(joiner: str) -> str:  # weight A: the name
        words = (
            " & ".join(f"{w}:*A" if len(w) >= 3 else f"{w}:A" for w in part.words) for part in units
        )
        return f" {joiner} ".join(f"({text})" for text in words)

    joiner = "&"
    expression = tsquery(joiner)
    if len(units) > 1:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM directory_search_text "
                "WHERE search_vector @@ to_tsquery('simple', %s) LIMIT 1",
                [expression],
            )
            if cursor.fetchone() is None:
                joiner = "|"
                expression = tsquery(joiner)
    tier, tier_params = _tier(
        "directory_search_text.search_vector @@ to_tsquery('simple', %s)",
        in_names(joiner),
        units,
    )
    # extra(): the FTS table has no model; the query text is a bound parameter.
    return documents.extra(  # noqa: S610
        tables=["directory_search_text"],
        where=[
            "directory_search_text.document_id = directory_search_document.id",
            "directory_search_text.search_vector @@ to_tsquery('simple', %s)",
        ],
        params=[expression],
        select={
            "tier": tier,
            "rank": "ts_rank(directory_search_text.search_vector, to_tsquery('simple', %s), %s)",
        },
        select_params=[*tier_params, expression, RANK_NORMALISATION_POSTGRESQL],
        order_by=["-tier", "-rank", "service_id"],  # ties in a stable order, for paging
    )
