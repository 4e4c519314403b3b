"""What a requester wrote, as stored (`PublicSubmission.data`) and as read back in words.

The snapshot is one JSON object, the same from the page and from the API:

    {"programme": "brusano" or "" (I don't know),
     "requester": {"kind", "name", "organisation", "sector", "email", "phone"},
     "person": {"given_name", "family_name", "birth_date" (ISO or null), "age" (or null),
                "residence" (NIS code, "outside" or "")},
     "what_is_asked", "why_now", "situation",
     "facts": {code: value} (the known ones only),
     "consent": "agrees" | "knows_not_agreed" | "not_informed", "consent_reason"}
"""

from typing import Any

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.programmes import eligibility
from maillage.programmes.facts import FACTS
from maillage.territory.communes import residence_label

KINDS: dict[str, Promise] = {
    "person": gettext_lazy("I am asking for myself"),
    "carer": gettext_lazy("I am a relative or a carer"),
    "professional": gettext_lazy("I am a professional"),
}
CONSENT: dict[str, Promise] = {
    "agrees": gettext_lazy("Yes, the person knows about this request and agrees"),
    "knows_not_agreed": gettext_lazy("The person knows about it but does not agree"),
    "not_informed": gettext_lazy("The person does not know about this request"),
}
# Each fact asked in plain words, for the person and their carers.
QUESTIONS: dict[str, Promise] = {
    "living_situation": gettext_lazy("Where does the person live?"),
    "network_in_brussels": gettext_lazy(
        "Are the relatives or professionals who help the person in Brussels?"
    ),
    "network_state": gettext_lazy("Are there people around the person who help them?"),
    "psychiatric_history": gettext_lazy(
        "Has the person had psychiatric care, or are they at risk of needing it?"
    ),
    "expressed_demand": gettext_lazy("Does the person ask for help themselves?"),
    "in_crisis": gettext_lazy("Is the person in crisis right now?"),
    "health_insurance": gettext_lazy("Does the person have health insurance (a mutuality)?"),
    "substance_use": gettext_lazy("Does the person use drugs or alcohol in a way that harms them?"),
    "social_exclusion": gettext_lazy(
        "Is the person cut off from help and from others (no home, no income, no contact)?"
    ),
}


def said(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every answer given, as (question, answer) in the active language."""
    requester = data.get("requester", {})
    person = data.get("person", {})
    rows: list[tuple[str, str]] = [
        (_("Who asks"), str(KINDS.get(requester.get("kind", ""), ""))),
        (_("Name of the requester"), requester.get("name", "")),
        (_("Organisation"), requester.get("organisation", "")),
        (_("Sector"), requester.get("sector", "")),
        (_("Email"), requester.get("email", "")),
        (_("Phone"), requester.get("phone", "")),
        (_("Given name of the person"), person.get("given_name", "")),
        (_("Family name of the person"), person.get("family_name", "")),
        (_("Birth date"), _date(person.get("birth_date"))),
        (_("Age"), "" if person.get("age") is None else str(person["age"])),
        (_("Where the person lives"), residence_label(person.get("residence") or "")),
        (_("What is asked"), data.get("what_is_asked", "")),
        (_("Why now"), data.get("why_now", "")),
        (_("The situation"), data.get("situation", "")),
    ]
    facts = data.get("facts", {})
    for code, question in QUESTIONS.items():
        if facts.get(code) is not None:
            rows.append((str(question), eligibility.display_value(FACTS[code], facts[code])))
    rows.append((_("Does the person know and agree?"), str(CONSENT.get(data.get("consent"), ""))))
    rows.append((_("Why not"), data.get("consent_reason", "")))
    return [(str(capfirst(label)), value) for label, value in rows if value]


def _date(value: Any) -> str:
    day = parse_date(value) if isinstance(value, str) else None
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""
