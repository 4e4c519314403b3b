"""Answer sets shared by the signal's tests."""

from typing import Any

from maillage.guard.testing import solution

# A situation with the three signs of complexity, for a woman of 24 to 64 in Brussels.
COMPLEX: dict[str, Any] = {
    "unstable": "yes",
    "inadequate_help": "yes",
    "coordination": "no",
    "domains": ["housing", "mental_health", "income"],
    "network": "exhausted",
    "first_signs": ["missed_appointments", "eviction"],
    "mental_health": "yes",
    "age_band": "24_64",
    "brussels": "yes",
    "reporter": "gp",
    "gender": "woman",
    "language": "fr",
}
# The reporter knows nothing yet (the optional questions left out).
UNKNOWN: dict[str, Any] = {
    "unstable": "dont_know",
    "inadequate_help": "dont_know",
    "coordination": "dont_know",
    "domains": ["dont_know"],
    "network": "dont_know",
    "first_signs": ["dont_know"],
    "mental_health": "dont_know",
    "age_band": "dont_know",
    "brussels": "dont_know",
    "reporter": "social_worker",
}


def posted(answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The answers as a page posts them, with the guard's fields."""
    return {**answers, "altcha": solution(), "website": "", **extra}
