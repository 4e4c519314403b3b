"""The vocabulary of facts gathered at intake, which entry criteria read.

Facts of the request (`FACTS`) are stored on the request as a JSON object; a missing
key or null means unknown. Derived facts (`DERIVED`) are computed from the person and
the requesters. Add a fact here, with its label and values, and criteria can use it.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Fact:
    code: str
    label: Promise
    kind: str  # "bool", "choice" or "number"
    choices: tuple[tuple[str, Promise], ...] = field(default=())
    # The field a worker fills in when the fact is unknown (derived facts).
    source: str = ""

    def display(self, value: object) -> str:
        if value is None:
            return str(_("unknown"))
        if self.kind == "bool":
            return str(_("yes") if value else _("no"))
        if self.kind == "choice":
            return str(dict(self.choices).get(str(value), value))
        return str(value)

    def accepts(self, value: object) -> bool:
        if value is None:
            return True
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "choice":
            return isinstance(value, str) and value in dict(self.choices)
        return isinstance(value, int | float) and not isinstance(value, bool)


FACTS: dict[str, Fact] = {
    fact.code: fact
    for fact in (
        Fact("network_in_brussels", _("network in Brussels"), "bool"),
        Fact(
            "living_situation",
            _("living situation"),
            "choice",
            (
                ("home", _("at home")),
                ("institution", _("in an institution")),
                ("street", _("in the street (homeless)")),
                ("badly_housed", _("badly housed")),
                ("other", _("other")),
            ),
        ),
        Fact(
            "psychiatric_history",
            _("psychiatric history"),
            "choice",
            (("yes", _("yes")), ("at_risk", _("at risk")), ("no", _("no"))),
        ),
        Fact(
            "network_state",
            _("state of the network"),
            "choice",
            (("present", _("present")), ("exhausted", _("exhausted")), ("absent", _("absent"))),
        ),
        Fact(
            "expressed_demand",
            _("expressed demand"),
            "choice",
            (
                ("yes", _("the person asks for help")),
                ("no_demand", _("no demand")),
                ("difficulty", _("great difficulty to mobilise")),
            ),
        ),
        Fact("in_crisis", _("in crisis"), "bool"),
        Fact(
            "health_insurance",
            _("health insurance"),
            "choice",
            (("yes", _("yes")), ("no", _("no")), ("unknown", _("not known"))),
        ),
        Fact("substance_use", _("substance use"), "bool"),
        Fact("social_exclusion", _("social exclusion"), "bool"),
    )
}

DERIVED: dict[str, Fact] = {
    "age": Fact("age", _("age"), "number", source="birth_date"),
    "residence": Fact("residence", _("residence"), "choice", source="residence"),
    "professional_organisations": Fact(
        "professional_organisations",
        _("organisations of the professional requesters"),
        "number",
        source="requesters",
    ),
}

ALL_FACTS: dict[str, Fact] = {**FACTS, **DERIVED}
# The facts in the order a situation is told: who and where, then the request's facts,
# then who asks (the order of the criteria's form and of the preview).
TOLD: tuple[Fact, ...] = tuple(
    ALL_FACTS[code] for code in ("age", "residence", *FACTS, "professional_organisations")
)


SOURCE_LABELS = {
    "birth_date": _("birth date of the person"),
    "residence": _("residence of the person"),
    "requesters": _("requesters"),
}


def missing_label(code: str) -> str:
    """The label of a missing fact or of the field it is derived from."""
    if code in SOURCE_LABELS:
        return str(SOURCE_LABELS[code])
    return str(ALL_FACTS[code].label) if code in ALL_FACTS else code
