"""What a signal's answers say, in words: never a score.

Pure functions (no database): the caller passes the answers, already validated, and the
active programmes' criteria. `request_facts()` maps the answers onto the intake facts
vocabulary (`maillage.programmes.facts`), so that the programmes' own entry criteria
(`eligibility.py`) say which programmes could fit and which clearly do not.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.programmes import eligibility
from maillage.programmes.facts import FACTS
from maillage.territory.communes import COMMUNES, OUTSIDE

from .questions import (
    AGE_BANDS,
    BY_CODE,
    COORDINATION,
    CRISIS,
    DONT_KNOW,
    INADEQUATE_HELP,
    NO,
    NONE,
    UNSTABLE,
    YES,
)

Answers = Mapping[str, Any]  # question code → answer code, or a list for multiple choices
Criteria = Sequence[tuple[str, str, dict[str, Any]]]  # (code, label, rule)

NETWORK_STATE = {"present": "present", "exhausted": "exhausted", "absent": "absent"}
PSYCHIATRIC_HISTORY = {YES: "yes", "at_risk": "at_risk", NO: "no"}


@dataclass
class ProgrammeFit:
    name: str
    # For a programme that could fit: what is left to check; for one that does not fit:
    # the entry criteria that the answers rule out. Criterion labels, in words.
    points: list[str] = field(default_factory=list)


@dataclass
class Findings:
    summary: str
    criteria: list[str]  # the signs of a complex situation that are present, in words
    unknown: list[str]  # the signs the reporter did not know about
    sentences: list[str]  # what else the answers say: network, first signs, domains
    crisis: bool
    fits: list[ProgrammeFit]
    does_not_fit: list[ProgrammeFit]
    domains: list[str]  # the life domains affected (codes), for the directory


def chosen(answers: Answers, code: str) -> list[str]:
    """The answers to a multiple choice, without "I don't know" and "none"."""
    value = answers.get(code) or []
    return [item for item in value if item not in {DONT_KNOW, NONE}]


def request_facts(answers: Answers) -> dict[str, Any]:
    """The request facts the answers give, in the facts vocabulary; unknown ones left out."""
    facts: dict[str, Any] = {
        "network_state": NETWORK_STATE.get(answers.get("network", "")),
        "psychiatric_history": PSYCHIATRIC_HISTORY.get(answers.get("mental_health", "")),
        # Only a crisis ticked says something: an unticked box is not a "no".
        "in_crisis": True if CRISIS in chosen(answers, "first_signs") else None,
        "network_in_brussels": {"network_only": True, NO: False}.get(answers.get("brussels", "")),
        "substance_use": True if "substance_use" in chosen(answers, "domains") else None,
    }
    return {code: value for code, value in facts.items() if code in FACTS and value is not None}


def evaluation_facts(answers: Answers) -> dict[str, Any]:
    """The request facts, and where the person lives as the criteria read it.

    The signal never asks for the commune: "lives in Brussels" stands for any of the 19
    (the criteria ask only whether it is one of them), else outside Brussels.
    """
    facts = request_facts(answers)
    residence = {YES: COMMUNES[0].nis, "network_only": OUTSIDE, NO: OUTSIDE}
    facts["residence"] = residence.get(answers.get("brussels", ""))
    return facts


def _reads_age(rule: Mapping[str, Any]) -> bool:
    parts = rule.get("any") or rule.get("all") or []
    return rule.get("fact") == "age" or any(_reads_age(part) for part in parts)


def programme_outcome(
    criteria: Criteria, facts: Mapping[str, Any], age_band: str | None
) -> eligibility.Eligibility:
    """The programme's outcome for these facts and an age band, not an age.

    A criterion on age is met (or not) when it is for every age of the band, else unknown.
    """
    ages = range(AGE_BANDS[age_band][0], AGE_BANDS[age_band][1] + 1) if age_band else None
    results = []
    for code, label, rule in criteria:
        if ages is None or not _reads_age(rule):
            finding = eligibility.evaluate_rule(rule, {**facts, "age": None})
        else:
            findings = [eligibility.evaluate_rule(rule, {**facts, "age": age}) for age in ages]
            outcomes = {f.result for f in findings}
            finding = (
                findings[0]
                if len(outcomes) == 1
                else eligibility.Finding(eligibility.UNKNOWN, "", ["age"])
            )
        results.append(
            eligibility.CriterionResult(
                code, label, finding.result, finding.reason, finding.missing
            )
        )
    return eligibility.outcome_of(results)


def programme_fits(
    answers: Answers, programmes: Iterable[tuple[str, Criteria]]
) -> tuple[list[ProgrammeFit], list[ProgrammeFit]]:
    """(could fit, clearly does not fit), each with its points in words."""
    facts = evaluation_facts(answers)
    age_band = answers.get("age_band") if answers.get("age_band") in AGE_BANDS else None
    fits, does_not_fit = [], []
    for name, criteria in programmes:
        outcome = programme_outcome(criteria, facts, age_band)
        if outcome.outcome == eligibility.NOT_ELIGIBLE:
            points = [c.label for c in outcome.criteria if c.result == eligibility.NOT_MET]
            does_not_fit.append(ProgrammeFit(name, points))
        else:
            points = [c.label for c in outcome.criteria if c.result == eligibility.UNKNOWN]
            fits.append(ProgrammeFit(name, points))
    return fits, does_not_fit


def _criteria(answers: Answers) -> tuple[list[str], list[str]]:
    """The signs of a complex situation present, and those not known, in words."""
    present_when = {UNSTABLE: YES, INADEQUATE_HELP: YES, COORDINATION: NO}
    words = {
        UNSTABLE: _("the situation is unstable"),
        INADEQUATE_HELP: _("the help or care is not enough, or not suited"),
        COORDINATION: _("nobody can coordinate the help over time"),
    }
    present = [words[code] for code, yes in present_when.items() if answers.get(code) == yes]
    # What is not known yet is said as the question to ask again ("Is the situation
    # unstable?"), each language with its own punctuation.
    unknown = [
        str(BY_CODE[code].label) for code in present_when if answers.get(code) in (DONT_KNOW, None)
    ]
    return present, unknown


def _summary(present: list[str], unknown: list[str]) -> str:
    if len(present) == 3:
        return _(
            "The three signs of a complex situation are present: a case manager could help "
            "weave the network around the person again."
        )
    if len(present) == 2:
        return _(
            "Two of the three signs of a complex situation are present: the situation may "
            "become complex. Acting now, before the network is exhausted, can prevent it."
        )
    if len(unknown) == 3:
        return _(
            "You do not know yet whether the situation is complex. The questions below are "
            "worth asking again when you know more."
        )
    if len(present) == 1:
        return _(
            "One of the three signs of a complex situation is present. The services already "
            "there may be enough; keep an eye on the situation."
        )
    return _(
        "None of the three signs of a complex situation is present. A service of the "
        "directory may be enough."
    )


def _sentences(answers: Answers) -> list[str]:
    sentences = []
    network = {
        "exhausted": _(
            "The people around the person are exhausted: help them before they give up."
        ),
        "absent": _("There is almost nobody around the person: the network has to be built."),
        "conflict": _("The people around the person are in conflict: someone outside it can help."),
    }.get(answers.get("network", ""))
    if network:
        sentences.append(network)
    signs = [
        BY_CODE["first_signs"].label_of(c) for c in chosen(answers, "first_signs") if c != CRISIS
    ]
    if signs:
        sentences.append(
            _("First signs of difficulty: %(signs)s. They often come before a crisis.")
            % {"signs": ", ".join(s.lower() for s in signs)}
        )
    domains = chosen(answers, "domains")
    if domains:
        names = ", ".join(BY_CODE["domains"].label_of(code) for code in domains)
        sentences.append(
            ngettext(
                "One part of life is affected: %(domains)s.",
                "%(count)d parts of life are affected at once: %(domains)s.",
                len(domains),
            )
            % {"count": len(domains), "domains": names}
        )
    return sentences


def findings(answers: Answers, programmes: Iterable[tuple[str, Criteria]]) -> Findings:
    """What the answers say, in the active language."""
    present, unknown = _criteria(answers)
    fits, does_not_fit = programme_fits(answers, programmes)
    return Findings(
        summary=_summary(present, unknown),
        criteria=[str(capfirst(text)) for text in present],
        unknown=[str(capfirst(text)) for text in unknown],
        sentences=_sentences(answers),
        crisis=CRISIS in chosen(answers, "first_signs"),
        fits=fits,
        does_not_fit=does_not_fit,
        domains=chosen(answers, "domains"),
    )
