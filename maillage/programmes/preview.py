"""What a programme's entry criteria say about example situations, for administrators.

The situations are built from the facts vocabulary (`facts.py`): the typical persons of
the four example programmes of MISSION.md, and a few at the edges (living outside
Brussels, in crisis, a first call where little is known). Each is evaluated by
`eligibility.py` itself, exactly as the intake evaluates a request.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import eligibility
from .facts import ALL_FACTS, TOLD, missing_label
from .models import Programme


@dataclass(frozen=True)
class Situation:
    title: Promise | str
    facts: dict[str, Any]


def _situation(title: Promise, **facts: Any) -> Situation:
    """A situation in which every fact not given is unknown."""
    return Situation(title, {code: facts.get(code) for code in ALL_FACTS})


EXAMPLE_SITUATIONS = (
    _situation(
        _("An older adult living alone at home in Schaerbeek, without health insurance"),
        age=67,
        residence="21015",
        living_situation="home",
        psychiatric_history="no",
        network_state="exhausted",
        expressed_demand="yes",
        in_crisis=False,
        health_insurance="no",
        substance_use=False,
        social_exclusion=False,
        network_in_brussels=True,
        professional_organisations=1,
    ),
    _situation(
        _("A 16-year-old with autism, two services of different organisations asking"),
        age=16,
        residence="21001",
        living_situation="home",
        psychiatric_history="yes",
        network_state="present",
        expressed_demand="yes",
        in_crisis=False,
        health_insurance="yes",
        substance_use=False,
        social_exclusion=False,
        network_in_brussels=True,
        professional_organisations=2,
    ),
    _situation(
        _("A young adult living outside Brussels whose network is in Brussels"),
        age=20,
        residence="outside",
        living_situation="home",
        psychiatric_history="at_risk",
        network_state="present",
        expressed_demand="yes",
        in_crisis=False,
        health_insurance="yes",
        substance_use=False,
        social_exclusion=False,
        network_in_brussels=True,
        professional_organisations=2,
    ),
    _situation(
        _("A man met in the street who uses drugs, excluded from most services"),
        age=34,
        residence="21004",
        living_situation="street",
        psychiatric_history="at_risk",
        network_state="absent",
        expressed_demand="difficulty",
        in_crisis=False,
        health_insurance="unknown",
        substance_use=True,
        social_exclusion=True,
        network_in_brussels=False,
        professional_organisations=1,
    ),
    _situation(
        _("A homeless woman with a psychiatric history, no demand, her network exhausted"),
        age=52,
        residence="21009",
        living_situation="street",
        psychiatric_history="yes",
        network_state="exhausted",
        expressed_demand="no_demand",
        in_crisis=False,
        health_insurance="no",
        substance_use=False,
        social_exclusion=True,
        network_in_brussels=True,
        professional_organisations=1,
    ),
    _situation(
        _("The same woman, but in crisis today"),
        age=52,
        residence="21009",
        living_situation="street",
        psychiatric_history="yes",
        network_state="exhausted",
        expressed_demand="no_demand",
        in_crisis=True,
        health_insurance="no",
        substance_use=False,
        social_exclusion=True,
        network_in_brussels=True,
        professional_organisations=1,
    ),
    _situation(
        _("A first call about someone sleeping in the street: little is known yet"),
        living_situation="street",
    ),
)


@dataclass
class PreviewRow:
    situation: Situation
    facts: list[tuple[str, str]]  # (fact, value) in words, the known ones only
    eligibility: eligibility.Eligibility

    @property
    def outcome(self) -> str:
        return self.eligibility.outcome

    @property
    def outcome_label(self) -> str:
        return str(capfirst(eligibility.OUTCOME_LABELS[self.outcome]))

    @property
    def findings(self) -> list[tuple[str, str, str, str]]:
        """(criterion, result, result in words, reason) of each criterion."""
        return [
            (c.label, c.result, str(eligibility.RESULT_LABELS[c.result]), c.reason)
            for c in self.eligibility.criteria
        ]

    @property
    def missing(self) -> list[str]:
        """What to find out for an incomplete outcome, in words (nothing otherwise)."""
        if self.outcome != eligibility.INCOMPLETE:
            return []
        return [missing_label(code) for code in self.eligibility.missing_facts]


def described(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The known facts of a situation in words, in the active language."""
    return [
        (str(capfirst(fact.label)), eligibility.display_value(fact, facts[fact.code]))
        for fact in TOLD
        if facts.get(fact.code) is not None
    ]


def preview(programme: Programme, situations: list[Situation]) -> list[PreviewRow]:
    """The outcome, and each criterion's finding, of the programme for each situation."""
    criteria = programme.criteria_rules()
    return [
        PreviewRow(
            situation, described(situation.facts), eligibility.evaluate(criteria, situation.facts)
        )
        for situation in situations
    ]
