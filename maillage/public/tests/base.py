"""Bodies of public requests, as the API takes them and the actions store them."""

import copy
from typing import Any

from maillage.guard.testing import solution

# A situation that fits each example programme's criteria (MISSION.md).
FACTS = {
    "brusano": {"living_situation": "home"},
    "bru-stars": {"network_in_brussels": True},
    "dune-liaison": {"substance_use": True, "social_exclusion": True},
    "em107-precarite": {
        "living_situation": "street",
        "psychiatric_history": "yes",
        "network_state": "exhausted",
        "expressed_demand": "no_demand",
        "in_crisis": False,
    },
}
AGES = {"brusano": 67, "bru-stars": 16, "dune-liaison": 34, "em107-precarite": 52}


def body(programme: str = "brusano", *, professional: str = "", **changes: Any) -> dict[str, Any]:
    """A valid request to `programme` ("" for “I don't know”), from a carer, or from a
    professional of the organisation `professional`."""
    requester = {"kind": "carer", "name": "Marie Aidant", "email": "marie@example.org"}
    if professional:
        requester = {
            "kind": "professional",
            "name": "Paul Pro",
            "organisation": professional,
            "sector": "santé mentale",
            "email": "paul@example.org",
        }
    data: dict[str, Any] = {
        "programme": programme,
        "requester": requester,
        "person": {
            "given_name": "Jeanne",
            "family_name": "Publique",
            "age": AGES.get(programme, 40),
            "residence": "21009",
        },
        "what_is_asked": "Un accompagnement pour reprendre pied.",
        "why_now": "Elle ne sort plus de chez elle depuis un mois.",
        "situation": "",
        "facts": copy.deepcopy(FACTS.get(programme, {})),
        "consent": "agrees",
        "consent_reason": "",
    }
    for key, value in changes.items():
        data[key] = value
    return data


def api_body(programme: str = "brusano", **kwargs: Any) -> dict[str, Any]:
    """The same, as sent to POST /api/v1/public/requests (with a solved challenge)."""
    return {**body(programme, **kwargs), "altcha": solution(), "website": ""}
