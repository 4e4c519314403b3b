"""Find a person rather than create a duplicate."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from .models import Person
from .names import name_key, name_score

CANDIDATE_LIMIT = 300
THRESHOLD = 0.78
THRESHOLD_SAME_BIRTH_DATE = 0.6


@dataclass
class Match:
    person: Person
    score: float
    same_birth_date: bool


def likely_duplicates(
    persons: QuerySet[Person], given_name: str, family_name: str, birth_date: date | None
) -> list[Match]:
    """Persons among `persons` who are probably the one described, best first.

    Accent- and case-insensitive, tolerant of spelling variants and of swapped first
    and last names; a shared birth date lowers the bar.
    """
    given, family = name_key(given_name), name_key(family_name)
    if not (given or family):
        return []
    prefixes = {key[:3] for key in (given, family) if len(key) >= 3}
    near = Q()
    for prefix in prefixes:
        near |= Q(family_key__startswith=prefix) | Q(given_key__startswith=prefix)
    if birth_date is not None:
        near |= Q(birth_date=birth_date)
    if not near:
        return []
    candidates = persons.filter(near).only(
        "id", "given_name", "family_name", "birth_date", "residence", "given_key", "family_key"
    )[:CANDIDATE_LIMIT]
    matches = []
    for person in candidates:
        score = name_score(given, family, person.given_key, person.family_key)
        same_birth = birth_date is not None and person.birth_date == birth_date
        if birth_date and person.birth_date and not same_birth and score < 0.95:
            continue
        if score >= (THRESHOLD_SAME_BIRTH_DATE if same_birth else THRESHOLD):
            matches.append(Match(person, round(score, 2), same_birth))
    matches.sort(key=lambda m: (not m.same_birth_date, -m.score))
    return matches[:10]
