"""Name normalisation and similarity, for finding a person rather than a duplicate."""

import re
import unicodedata
from difflib import SequenceMatcher


def name_key(name: str) -> str:
    """Lower case, accents and punctuation removed: "Dupont-Léger" → "dupont leger"."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).split())


def last_word_key(key: str) -> str:
    """The last word of a key of several words ("van den berg" → "berg"), else ""."""
    words = key.split()
    return words[-1] if len(words) > 1 else ""


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are, from 0 to 1 (spelling variants score high)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def name_score(given: str, family: str, other_given: str, other_family: str) -> float:
    """Similarity of two persons' names, also when first and last names are swapped."""
    straight = (similarity(given, other_given) + similarity(family, other_family)) / 2
    swapped = (similarity(given, other_family) + similarity(family, other_given)) / 2
    return max(straight, swapped)
