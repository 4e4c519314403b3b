"""The pages and API lists the benchmark measures at each volume.

A URL may hold placeholders that volume.py fills from the seeded data (IDS below says
how each is found); a user who needs a second factor is signed in with one.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    name: str
    user: str
    url: str  # may contain the placeholders of IDS
    api: bool = False


# Placeholder → what it names (found by volume.py's `ids`).
IDS = {
    "request_id": "intake's most urgent open request",
    "case_id": "cm1's latest opened open case",
    "person_id": "the person of that case",
    "conference_id": "the latest conference of a case cm1 holds",
    "partner_case_id": "the first case shared with the demo partner",
}

ENDPOINTS = (
    Endpoint("my day", "cm1", "/"),
    Endpoint("my day (team lead)", "lead", "/"),
    Endpoint("intake queue", "intake", "/requests/"),
    Endpoint("answered tab", "intake", "/requests/?tab=answered"),
    Endpoint("request page", "intake", "/requests/{request_id}/"),
    Endpoint("case list", "cm1", "/cases/"),
    Endpoint("case page", "cm1", "/cases/{case_id}/"),
    Endpoint("timeline", "cm1", "/cases/{case_id}/timeline/"),
    Endpoint("person page", "cm1", "/persons/{person_id}/"),
    Endpoint("meeting page", "cm1", "/conferences/{conference_id}/meeting/"),
    Endpoint("partner's case", "partner", "/partner/cases/{partner_case_id}/"),
    Endpoint("person's space", "personne", "/space/"),
    Endpoint("statistics", "lead", "/statistics/"),
    Endpoint("coverage", "lead", "/directory/coverage/"),
    Endpoint("directory", "cm1", "/directory/"),
    Endpoint("search", "cm1", "/search/?q=Dubois"),
    Endpoint("search, typo", "cm1", "/search/?q=Duboiss"),
    Endpoint("API requests", "intake", "/api/v1/requests", api=True),
    Endpoint("API cases", "cm1", "/api/v1/cases", api=True),
    Endpoint("API programmes", "intake", "/api/v1/programmes", api=True),
    Endpoint("API my day", "cm1", "/api/v1/me/agenda", api=True),
    Endpoint("API search", "cm1", "/api/v1/search?q=Dubois", api=True),
    Endpoint("API search, typo", "cm1", "/api/v1/search?q=Dubios", api=True),
)
