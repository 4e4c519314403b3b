"""Search the directory: the database's own full-text index, ranked, with filters.

Each service has one `SearchDocument` (its filters: domains, communes, languages, ages,
free of charge, status — narrow, read for every match) and one `SearchText` beside it
(same id), its text in three weighted parts, lowercased and accent-stripped here in
Python (so PostgreSQL needs no `unaccent`):

    name_text   service name and alternate name                      (weight 10 / A)
    terms_text  life domains in FR/NL/EN, other taxonomy terms       (weight 4 / B)
    body_text   organisation, descriptions, eligibility, fees, languages, communes FR/NL (1 / D)

The database indexes the text itself: on SQLite an FTS5 table (tokenizer `unicode61
remove_diacritics 2`) kept in step by triggers and ranked by `bm25`; on PostgreSQL a
generated `tsvector` column ('simple' configuration) with a GIN index, ranked by `ts_rank`
(migration 0004).

A query word the index does not know (neither as a word nor as the start of one) is
replaced by the closest word of the index vocabulary (`SearchWord`, copied from
`fts5vocab` / `ts_stat`) within one edit (two for words of eight letters or more, an
edit being an insertion, deletion, substitution or swap of neighbours). Words are
combined with AND; when that finds nothing, with OR. A query returns its MAX_RANKED best
services (see docs/directory.md "Search" for the measures behind these choices).
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, StrIndex

from maillage.categories import LifeDomain
from maillage.territory.communes import BY_NIS

from .life_domains import KEYWORDS
from .life_domains import labels as life_domain_labels
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
BATCH = 2000
# A query returns its best matches only (nobody reads further; ranking stays fast).
MAX_RANKED = 200


def normalise(text: str) -> str:
    """Lowercase without accents: 'Santé' → 'sante'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


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
    labels = {code: life_domain_labels(code) for code in LifeDomain.values}
    documents = []
    for service in services:
        codes = sorted(domains[service.pk])
        communes = sorted({c for c, _ in areas[service.pk] if c in BY_NIS})
        region = any(c == BRUSSELS_REGION_NIS for c, _ in areas[service.pk])
        language_codes = sorted({normalise(code)[:3] for code, _ in languages[service.pk] if code})
        domain_text = " ".join(
            " ".join(labels[code].values()) + " " + KEYWORDS.get(code, "") for code in codes
        )
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
            name_text=normalise(f"{service.name} {service.alternate_name}"),
            terms_text=normalise(f"{domain_text} {' '.join(terms[service.pk])}"),
            body_text=normalise(" ".join(part for part in body if part)),
        )
        documents.append((document, text))
    return documents


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
            [SearchWord(word=w[:100], length=len(w)) for w in new_words if len(w) > 2],
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
                "WHERE length(term) BETWEEN 3 AND 100"
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO directory_search_word (word, length, documents) "
                "SELECT word, length(word), ndoc FROM ts_stat("
                "'SELECT search_vector FROM directory_search_text') "
                "WHERE length(word) BETWEEN 3 AND 100"
            )
        else:  # pragma: no cover - other databases: the words of the documents
            counts: dict[str, int] = defaultdict(int)
            for row in SearchText.objects.values_list("name_text", "terms_text", "body_text"):
                for word in set(words(" ".join(row))):
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
    """Whether the vocabulary has this word or words starting with it (by index range)."""
    if connection.vendor == "sqlite":  # LIKE would scan: a range on the primary key
        known = SearchWord.objects.filter(word__gte=word, word__lt=word + "\U0010ffff")
    else:  # PostgreSQL: LIKE 'x%' uses the varchar_pattern_ops index (migration 0002)
        known = SearchWord.objects.filter(word__startswith=word)
    return known.exists()


def correct(word: str) -> str:
    """The word itself when the index knows it (or words starting with it), else the
    closest word of the vocabulary within the allowed edits, else the word itself."""
    if len(word) < 4 or word.isdigit():
        return word
    if _known(word):
        return word
    limit = 2 if len(word) >= 8 else 1
    candidates = SearchWord.objects.filter(
        length__range=(len(word) - limit, len(word) + limit)
    ).filter(Q(word__startswith=word[0]) | Q(word__contains=word[1:4]))
    best, best_key = word, None
    for candidate, documents in candidates.values_list("word", "documents")[:5000]:
        edits = distance(word, candidate, limit)
        if edits <= limit:
            key = (edits, -documents, candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
    return best


def query_words(query: str) -> list[str]:
    """The words of a query that count, each corrected when the index does not know it."""
    found = [w for w in words(query) if len(w) <= 100]
    meaningful = [w for w in found if w not in STOP_WORDS] or found
    seen: list[str] = []
    for word in meaningful:
        corrected = correct(word)
        if corrected not in seen:
            seen.append(corrected)
    return seen[:12]


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
) -> QuerySet[Service]:
    """Services matching the query and filters, best first when there is a query (each
    row then carries `rank`), by name otherwise.

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
        return services.order_by("name", "pk")
    best = list(_ranked(terms, conditions)[:MAX_RANKED])
    # The order of `best`, as the position of each id in one string (cheap in SQL).
    order = "|" + "|".join(best) + "|"
    return (
        services.filter(pk__in=best)
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
    return _ranked(terms, conditions)


def _ranked(terms: list[str], conditions: list[Any]) -> QuerySet[Any]:
    """Service ids matching the terms and conditions, best first."""
    documents = SearchDocument.objects.filter(_on("", conditions))
    if connection.vendor == "postgresql":
        ranked = _ranked_postgresql(documents, terms)
    else:
        ranked = _ranked_sqlite(documents, terms)
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
        found.append(Q(all_communes=True) | Q(communes__contains=f" {commune} "))
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


def _ranked_sqlite(documents: QuerySet[SearchDocument], terms: list[str]) -> QuerySet[Any]:
    def match(joiner: str) -> str:
        return f" {joiner} ".join(f'"{t}"*' if len(t) >= 3 else f'"{t}"' for t in terms)

    expression = match("AND")
    if len(terms) > 1:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM directory_search_fts WHERE directory_search_fts MATCH %s LIMIT 1",
                [expression],
            )
            if cursor.fetchone() is None:
                expression = match("OR")
    # extra(): the FTS table has no model; the query text is a bound parameter.
    return documents.extra(  # noqa: S610
        tables=["directory_search_fts"],
        where=[
            "directory_search_fts.rowid = directory_search_document.id",
            "directory_search_fts MATCH %s",
        ],
        params=[expression],
        select={"rank": f"-bm25(directory_search_fts, {WEIGHTS_SQLITE})"},
        order_by=["-rank", "service_id"],  # ties in a stable order, for paging
    )


def _ranked_postgresql(documents: QuerySet[SearchDocument], terms: list[str]) -> QuerySet[Any]:
    def tsquery(joiner: str) -> str:
        return f" {joiner} ".join(f"{t}:*" if len(t) >= 3 else t for t in terms)

    expression = tsquery("&")
    if len(terms) > 1:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM directory_search_text "
                "WHERE search_vector @@ to_tsquery('simple', %s) LIMIT 1",
                [expression],
            )
            if cursor.fetchone() is None:
                expression = tsquery("|")
    # extra(): the FTS table has no model; the query text is a bound parameter.
    return documents.extra(  # noqa: S610
        tables=["directory_search_text"],
        where=[
            "directory_search_text.document_id = directory_search_document.id",
            "directory_search_text.search_vector @@ to_tsquery('simple', %s)",
        ],
        params=[expression],
        select={"rank": "ts_rank(directory_search_text.search_vector, to_tsquery('simple', %s))"},
        select_params=[expression],
        order_by=["-rank", "service_id"],  # ties in a stable order, for paging
    )
