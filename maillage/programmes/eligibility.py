"""Entry criteria as data: evaluate a programme's rules against the facts of a request.

A rule is a small JSON object, edited by administrators without code:

    {"fact": "age", "op": "between", "min": 0, "max": 23}
    {"fact": "age", "op": "gte", "value": 18}          also gt, lte, lt
    {"fact": "living_situation", "op": "in", "values": ["street", "badly_housed"]}
    {"fact": "in_crisis", "op": "is", "value": false}
    {"fact": "residence", "op": "in_brussels"}
    {"any": [rule, …]}  {"all": [rule, …]}

Each criterion gives `met`, `not_met` or `unknown` with a reason in the active
language; the outcome is `not_eligible` if any criterion is not met, else `incomplete`
if any is unknown (listing the missing facts), else `eligible`. Pure functions: the
caller passes the facts, nothing here touches the database.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.territory.communes import OUTSIDE, commune_name, is_brussels

from .facts import ALL_FACTS, Fact

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
ELIGIBLE, INCOMPLETE, NOT_ELIGIBLE = "eligible", "incomplete", "not_eligible"
RESULT_LABELS = {
    MET: gettext_lazy("met"),
    NOT_MET: gettext_lazy("not met"),
    UNKNOWN: gettext_lazy("unknown"),
}
OUTCOME_LABELS = {
    ELIGIBLE: gettext_lazy("eligible"),
    INCOMPLETE: gettext_lazy("incomplete"),
    NOT_ELIGIBLE: gettext_lazy("not eligible"),
}
COMPARISONS = {"gte", "gt", "lte", "lt"}
OPERATORS = COMPARISONS | {"between", "in", "is", "in_brussels"}


@dataclass
class Finding:
    result: str
    reason: str
    missing: list[str] = field(default_factory=list)


@dataclass
class CriterionResult:
    code: str
    label: str
    result: str
    reason: str
    missing: list[str]


@dataclass
class Eligibility:
    outcome: str
    criteria: list[CriterionResult]
    missing_facts: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "criteria": [
                {"code": c.code, "label": c.label, "result": c.result, "reason": c.reason}
                for c in self.criteria
            ],
            "missing_facts": self.missing_facts,
        }


def evaluate(
    criteria: Iterable[tuple[str, str, dict[str, Any]]], facts: Mapping[str, Any]
) -> Eligibility:
    """Evaluate (code, label, rule) criteria against the facts (None means unknown)."""
    results = []
    for code, label, rule in criteria:
        finding = evaluate_rule(rule, facts)
        results.append(
            CriterionResult(code, label, finding.result, finding.reason, finding.missing)
        )
    return outcome_of(results)


def outcome_of(results: list[CriterionResult]) -> Eligibility:
    """The outcome of criteria already evaluated, with the facts still missing."""
    missing: list[str] = []
    for result in results:
        if result.result == UNKNOWN:
            missing += [fact for fact in result.missing if fact not in missing]
    if any(r.result == NOT_MET for r in results):
        outcome = NOT_ELIGIBLE
    elif any(r.result == UNKNOWN for r in results):
        outcome = INCOMPLETE
    else:
        outcome = ELIGIBLE
    return Eligibility(outcome, results, missing)


def evaluate_rule(rule: Mapping[str, Any], facts: Mapping[str, Any]) -> Finding:
    if "any" in rule or "all" in rule:
        return _combine(rule, facts)
    fact = ALL_FACTS[rule["fact"]]
    value = facts.get(fact.code)
    requirement = describe_requirement(rule)
    if value is None:
        reason = _("%(fact)s not known (required: %(requirement)s).") % {
            "fact": _capitalise(str(fact.label)),
            "requirement": requirement,
        }
        return Finding(UNKNOWN, reason, [fact.source or fact.code])
    met = _test(rule, value)
    template = (
        _("%(fact)s: %(value)s (required: %(requirement)s).")
        if met
        else _("%(fact)s: %(value)s, but required: %(requirement)s.")
    )
    reason = template % {
        "fact": _capitalise(str(fact.label)),
        "value": display_value(fact, value),
        "requirement": requirement,
    }
    return Finding(MET if met else NOT_MET, reason)


def _combine(rule: Mapping[str, Any], facts: Mapping[str, Any]) -> Finding:
    """Three-valued logic: any = met if one is met; all = not met if one is not met."""
    is_any = "any" in rule
    findings = [evaluate_rule(sub, facts) for sub in rule["any" if is_any else "all"]]
    results = {f.result for f in findings}
    decisive, other = (MET, NOT_MET) if is_any else (NOT_MET, MET)
    if decisive in results:
        result = decisive
    elif UNKNOWN in results:
        result = UNKNOWN
    else:
        result = other
    joiner = _(" Or: ") if is_any else _(" And: ")
    reason = joiner.join(f.reason for f in findings).strip()
    missing = [m for f in findings if f.result == UNKNOWN for m in f.missing]
    return Finding(result, reason, missing if result == UNKNOWN else [])


def _test(rule: Mapping[str, Any], value: Any) -> bool:
    op = rule["op"]
    if op == "between":
        return bool(rule["min"] <= value <= rule["max"])
    if op == "gte":
        return bool(value >= rule["value"])
    if op == "gt":
        return bool(value > rule["value"])
    if op == "lte":
        return bool(value <= rule["value"])
    if op == "lt":
        return bool(value < rule["value"])
    if op == "in":
        return value in rule["values"]
    if op == "is":
        return bool(value == rule["value"])
    if op == "in_brussels":
        return is_brussels(str(value))
    raise ValueError(f"Unknown operator {op!r}")


def describe_requirement(rule: Mapping[str, Any]) -> str:
    """The requirement in words, in the active language."""
    fact = ALL_FACTS[rule["fact"]]
    op = rule["op"]
    if op == "between":
        return _("between %(min)s and %(max)s") % {"min": rule["min"], "max": rule["max"]}
    if op in COMPARISONS:
        templates = {
            "gte": _("%(value)s or more"),
            "gt": _("more than %(value)s"),
            "lte": _("%(value)s or less"),
            "lt": _("less than %(value)s"),
        }
        return templates[op] % {"value": rule["value"]}
    if op == "in":
        return _(" or ").join(display_value(fact, value) for value in rule["values"])
    if op == "is":
        return display_value(fact, rule["value"])
    return _("a Brussels commune")


def display_value(fact: Fact, value: Any) -> str:
    """A fact's value in words, in the active language."""
    if fact.code == "residence":
        return _("outside Brussels") if value == OUTSIDE else commune_name(str(value))
    return fact.display(value)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def validate_rule(rule: Any, path: str = "rule") -> None:
    """Raise ValidationError naming what is wrong with a rule an administrator wrote."""
    if not isinstance(rule, dict):
        raise ValidationError(_("%(path)s must be an object.") % {"path": path})
    for combinator in ("any", "all"):
        if combinator in rule:
            subrules = rule[combinator]
            if not isinstance(subrules, list) or not subrules:
                raise ValidationError(
                    _("%(path)s.%(key)s must be a non-empty list of rules.")
                    % {"path": path, "key": combinator}
                )
            for index, sub in enumerate(subrules):
                validate_rule(sub, f"{path}.{combinator}[{index}]")
            return
    fact = ALL_FACTS.get(rule.get("fact", ""))
    if fact is None:
        raise ValidationError(
            _("%(path)s.fact must be one of: %(facts)s.")
            % {"path": path, "facts": ", ".join(sorted(ALL_FACTS))}
        )
    op = rule.get("op")
    if op not in OPERATORS:
        raise ValidationError(
            _("%(path)s.op must be one of: %(ops)s.")
            % {"path": path, "ops": ", ".join(sorted(OPERATORS))}
        )
    needed = {"between": ("min", "max"), "in": ("values",), "in_brussels": ()}.get(op, ("value",))
    for key in needed:
        if key not in rule:
            raise ValidationError(
                _("%(path)s needs “%(key)s” for “%(op)s”.") % {"path": path, "key": key, "op": op}
            )
    if op in COMPARISONS | {"between"}:
        for key in needed:
            if not isinstance(rule[key], int | float) or isinstance(rule[key], bool):
                raise ValidationError(
                    _("%(path)s.%(key)s must be a number.") % {"path": path, "key": key}
                )
    values = rule["values"] if op == "in" else [rule["value"]] if op == "is" else []
    if op == "in" and (not isinstance(values, list) or not values):
        raise ValidationError(_("%(path)s.values must be a non-empty list.") % {"path": path})
    for value in values:
        if fact.code != "residence" and not fact.accepts(value):
            raise ValidationError(
                _("%(path)s: “%(value)s” is not a value of %(fact)s.")
                % {"path": path, "value": value, "fact": fact.code}
            )
