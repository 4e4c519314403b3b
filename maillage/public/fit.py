"""Which programmes could fit a situation told in the public form, and why.

The facts are those the requester gave (each optional), plus the derived ones as the
intake reads them: the age from the birth date (else the age given), the residence, and
the organisations of the professional requesters — one professional is not final: a
colleague of another organisation may join after sending (see `SupportRequest.all_facts`).
Evaluated by `programmes.eligibility`, exactly as the intake evaluates the request.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from maillage.programmes import eligibility
from maillage.programmes.facts import FACTS, missing_label
from maillage.programmes.models import Programme

VERDICTS = {
    eligibility.ELIGIBLE: _("could fit"),
    eligibility.INCOMPLETE: _("needs more information"),
    eligibility.NOT_ELIGIBLE: _("clearly does not fit"),
}


@dataclass
class Fit:
    programme: Programme
    result: eligibility.Eligibility

    @property
    def outcome(self) -> str:
        return self.result.outcome

    @property
    def verdict(self) -> str:
        return str(VERDICTS[self.outcome])

    @property
    def badge(self) -> str:
        return self.outcome.replace("_", "-")

    @property
    def needs_colleague(self) -> bool:
        """Unknown only because a professional of another organisation may still join."""
        return "requesters" in self.result.missing_facts

    @property
    def missing(self) -> list[str]:
        if self.outcome != eligibility.INCOMPLETE:
            return []
        return [missing_label(code) for code in self.result.missing_facts]

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme.code,
            "name": self.programme.name,
            "verdict": self.outcome,
            "verdict_text": self.verdict,
            "criteria": [
                {"label": c.label, "result": c.result, "reason": c.reason}
                for c in self.result.criteria
            ],
            "missing": self.missing,
        }


def open_programmes() -> list[Programme]:
    """The programmes a requester may choose: active, answered by a team."""
    return list(Programme.objects.active().filter(team__isnull=False).prefetch_related("criteria"))


def age_of(person: dict[str, Any], today: date | None = None) -> int | None:
    born = parse_date(person["birth_date"]) if person.get("birth_date") else None
    if born is None:
        age = person.get("age")
        return age if isinstance(age, int) else None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def facts_of(data: dict[str, Any]) -> dict[str, Any]:
    """The facts the criteria read, from what the requester wrote."""
    requester = data.get("requester", {})
    person = data.get("person", {})
    professional = requester.get("kind") == "professional" and bool(
        requester.get("organisation", "").strip()
    )
    given = data.get("facts", {})
    return {
        **{code: given.get(code) for code in FACTS},
        "age": age_of(person),
        "residence": person.get("residence") or None,
        # One organisation so far: a colleague may still join (not known yet).
        "professional_organisations": None if professional else 0,
    }


def fits(data: dict[str, Any], programmes: list[Programme] | None = None) -> list[Fit]:
    facts = facts_of(data)
    return [Fit(p, p.evaluate(facts)) for p in programmes or open_programmes()]


def default_programme_code() -> str:
    return str(getattr(settings, "MAILLAGE_PUBLIC_DEFAULT_PROGRAMME", "brusano"))


def choose(data: dict[str, Any], programmes: list[Programme]) -> tuple[Programme | None, str]:
    """The programme of the request and how it was chosen: "chosen" (by the requester),
    "fits" (the only one that could fit) or "default" (the team that answers anyone)."""
    by_code = {p.code: p for p in programmes}
    code = data.get("programme") or ""
    if code:
        return by_code.get(code), "chosen"
    could_fit = [f.programme for f in fits(data, programmes) if f.outcome == eligibility.ELIGIBLE]
    if len(could_fit) == 1:
        return could_fit[0], "fits"
    default = by_code.get(default_programme_code())
    return (default or (programmes[0] if programmes else None)), "default"
