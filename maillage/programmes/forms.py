"""Entry criteria as a form: each condition is a fact, a comparison and a value.

Rules stay stored as JSON (see `eligibility.py`), so the intake and the API read them
unchanged: the form takes a rule apart into conditions (`conditions_of`) and puts the
conditions back together; a rule saved unchanged is stored byte for byte as it was. A
rule the conditions cannot express (conditions within conditions) is edited as JSON.

`SituationForm` is one situation typed in the programme's preview: a value per fact,
each one unknown when left empty.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.forms import DeclarativeFieldsMetaclass
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maillage.territory.communes import residence_choices

from . import eligibility
from .facts import ALL_FACTS, TOLD, Fact
from .models import Criterion

SLOTS = (1, 2, 3)  # conditions per criterion

# Every operator of `eligibility.py`, in words (a test checks none is missing).
COMPARISONS = {
    "is": pgettext_lazy("comparison", "is"),
    "in": pgettext_lazy("comparison", "is one of"),
    "gte": pgettext_lazy("comparison", "at least"),
    "gt": pgettext_lazy("comparison", "more than"),
    "lte": pgettext_lazy("comparison", "at most"),
    "lt": pgettext_lazy("comparison", "less than"),
    "between": pgettext_lazy("comparison", "between (both included)"),
    "in_brussels": pgettext_lazy("comparison", "is in the Brussels region"),
}
NUMBER_COMPARISONS = ("is", "gte", "gt", "lte", "lt", "between")


def comparisons_for(fact: Fact) -> tuple[str, ...]:
    """The comparisons that fit a fact's type."""
    if fact.code == "residence":
        return ("in_brussels", "is", "in")
    if fact.kind == "bool":
        return ("is",)
    if fact.kind == "choice":
        return ("is", "in")
    return NUMBER_COMPARISONS


def values_of(fact: Fact) -> list[tuple[str, Any]]:
    """The values a choice fact takes, with their labels in the active language."""
    if fact.code == "residence":
        return residence_choices()
    return list(fact.choices)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _expressible(rule: object) -> bool:
    """Whether one condition of the form says exactly this rule, nothing more or less."""
    if not isinstance(rule, dict) or rule.get("fact") not in ALL_FACTS:
        return False
    fact, op = ALL_FACTS[rule["fact"]], rule.get("op")
    if op not in comparisons_for(fact):
        return False
    keys = {"between": {"min", "max"}, "in": {"values"}, "in_brussels": set()}.get(op, {"value"})
    if set(rule) != {"fact", "op"} | keys:
        return False
    if op == "between":
        return _is_number(rule["min"]) and _is_number(rule["max"])
    if op == "in_brussels":
        return True
    if fact.kind == "number":
        return _is_number(rule["value"])
    if fact.kind == "bool":
        return isinstance(rule["value"], bool)
    known = {code for code, _label in values_of(fact)}
    values = rule["values"] if op == "in" else [rule["value"]]
    return (
        isinstance(values, list)
        and bool(values)
        and all(isinstance(v, str) and v in known for v in values)
        and len(set(values)) == len(values)
    )


def conditions_of(rule: object) -> tuple[str, list[dict[str, Any]]] | None:
    """(how they combine, the conditions) of a rule, or None if the form cannot say it."""
    if not isinstance(rule, dict):
        return None
    for match in ("all", "any"):
        if match in rule:
            subrules = rule[match]
            if set(rule) != {match} or not isinstance(subrules, list):
                return None
            if not 2 <= len(subrules) <= len(SLOTS) or not all(map(_expressible, subrules)):
                return None
            return match, subrules
    return ("all", [rule]) if _expressible(rule) else None


def _canonical(rule: Any) -> Any:
    """A rule with its lists of values in a fixed order, to compare two rules."""
    if not isinstance(rule, dict):
        return rule
    canonical = {
        key: [_canonical(sub) for sub in value] if key in ("all", "any") else value
        for key, value in rule.items()
    }
    if isinstance(canonical.get("values"), list):
        canonical["values"] = sorted(canonical["values"], key=repr)
    return canonical


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class FactSelect(forms.Select):
    """A select of facts whose options say the fact's type (read by admin-criteria.js)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if value in ALL_FACTS:
            fact = ALL_FACTS[value]
            option["attrs"]["data-kind"] = fact.kind
            option["attrs"]["data-comparisons"] = " ".join(comparisons_for(fact))
        return option


def _condition_fields(n: int) -> dict[str, forms.Field]:
    return {
        f"fact_{n}": forms.CharField(
            label=pgettext_lazy("criterion", "Fact"), required=False, widget=FactSelect
        ),
        f"comparison_{n}": forms.CharField(
            label=_("Comparison"), required=False, widget=forms.Select
        ),
        f"number_{n}": forms.DecimalField(
            label=_("Number"),
            required=False,
            help_text=_("The number the fact is compared with; for “between”, the lowest."),
        ),
        f"up_to_{n}": forms.DecimalField(
            label=_("Up to"),
            required=False,
            help_text=_("Only for “between”: the highest number, included."),
        ),
        f"yes_no_{n}": forms.ChoiceField(
            label=_("Yes or no"),
            required=False,
            choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
        ),
        f"values_{n}": forms.MultipleChoiceField(
            label=_("Values"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tick the values of the chosen fact."),
        ),
    }


# The condition fields of every slot (fact_1, comparison_1 … values_3), declared on a
# base class so that the admin can place them in its fieldsets.
ConditionFields = DeclarativeFieldsMetaclass(
    "ConditionFields",
    (forms.Form,),
    {name: field for n in SLOTS for name, field in _condition_fields(n).items()},
)


class RuleJSONField(forms.JSONField):
    """The rule as JSON, shown empty (not `null`) when the conditions say it."""

    def prepare_value(self, value: Any) -> Any:
        return "" if value is None else super().prepare_value(value)


class CriterionForm(ConditionFields, forms.ModelForm):  # type: ignore[misc,valid-type]
    match = forms.ChoiceField(
        label=_("With several conditions, the criterion is met when"),
        choices=[
            ("all", _("all the conditions are met")),
            ("any", _("at least one of the conditions is met")),
        ],
        initial="all",
        required=False,
        widget=forms.RadioSelect,
    )
    rule = RuleJSONField(
        label=_("Rule as JSON (advanced)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only for a rule the conditions above cannot express, such as conditions "
            "within conditions. Leave it empty when you use the conditions."
        ),
    )

    class Meta:
        model = Criterion
        fields = ["position", "code", "active", "label_fr", "label_nl", "label_en", "rule"]

    class Media:
        js = ["js/admin-criteria.js"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fact_choices = [("", "—")] + [(fact.code, capfirst(fact.label)) for fact in TOLD]
        value_choices = [
            (capfirst(fact.label), [(f"{fact.code}:{v}", label) for v, label in values_of(fact)])
            for fact in TOLD
            if fact.kind == "choice"
        ]
        for n in SLOTS:
            self.fields[f"fact_{n}"].widget.choices = fact_choices
            self.fields[f"comparison_{n}"].widget.choices = [("", "—"), *COMPARISONS.items()]
            self.fields[f"values_{n}"].choices = value_choices
        self.stored_rule = self.instance.rule if self.instance.pk else None
        found = conditions_of(self.stored_rule)
        if found is not None:
            self.initial["rule"] = None
            self.initial.update(self._initial_of(*found))

    @staticmethod
    def _initial_of(match: str, conditions: list[dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {"match": match}
        for n, rule in zip(SLOTS, conditions, strict=False):
            fact = ALL_FACTS[rule["fact"]]
            initial[f"fact_{n}"], initial[f"comparison_{n}"] = rule["fact"], rule["op"]
            if rule["op"] == "between":
                initial[f"number_{n}"], initial[f"up_to_{n}"] = rule["min"], rule["max"]
            elif fact.kind == "number":
                initial[f"number_{n}"] = rule["value"]
            elif fact.kind == "bool":
                initial[f"yes_no_{n}"] = "yes" if rule["value"] else "no"
            elif rule["op"] != "in_brussels":
                values = rule["values"] if rule["op"] == "in" else [rule["value"]]
                initial[f"values_{n}"] = [f"{fact.code}:{v}" for v in values]
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        conditions = [c for n in SLOTS if (c := self._condition(n)) is not None]
        written = cleaned.get("rule")
        if conditions and written is not None:
            self.add_error(
                "rule",
                _("Describe the rule either with the conditions or as JSON, not both."),
            )
        elif conditions:
            cleaned["rule"] = self._rule_of(conditions, cleaned.get("match") or "all")
        elif written is not None:
            try:
                eligibility.validate_rule(written)
            except ValidationError as error:
                self.add_error("rule", error)
        elif not self.errors:
            self.add_error("fact_1", _("Condition 1: choose the fact this criterion checks."))
        return cleaned

    def _post_clean(self) -> None:
        if self.cleaned_data.get("rule") is None and self.errors:
            return  # a refused condition says why; the model has no rule to check yet
        super()._post_clean()

    def _rule_of(self, conditions: list[dict[str, Any]], match: str) -> dict[str, Any]:
        rule = conditions[0] if len(conditions) == 1 else {match: conditions}
        # Unchanged (values in another order included): keep the stored rule as it was.
        if self.stored_rule is not None and _canonical(rule) == _canonical(self.stored_rule):
            return self.stored_rule  # type: ignore[no-any-return]
        return rule

    def _condition(self, n: int) -> dict[str, Any] | None:
        """The rule of condition n, None if it is empty or wrong (errors added)."""
        names = [name.removesuffix("_1") for name in _condition_fields(1)]
        if any(f"{name}_{n}" in self.errors for name in names):
            return None  # a value its field refused: that field says why
        data = {name: self.cleaned_data.get(f"{name}_{n}") for name in names}
        if not any(value not in (None, "", []) for value in data.values()):
            return None
        code, op = data["fact"], data["comparison"]
        errors_before = len(self.errors)
        fact = ALL_FACTS.get(code)
        if not code:
            self.add_error(f"fact_{n}", _("Condition %(n)s: choose a fact.") % {"n": n})
        elif fact is None:
            self.add_error(
                f"fact_{n}",
                _(
                    "Condition %(n)s: “%(fact)s” is not a fact Maillage knows; choose one from the list."
                )
                % {"n": n, "fact": code},
            )
        if not op:
            self.add_error(f"comparison_{n}", _("Condition %(n)s: choose a comparison.") % {"n": n})
        elif op not in COMPARISONS:
            self.add_error(
                f"comparison_{n}",
                _(
                    "Condition %(n)s: “%(comparison)s” is not a comparison; choose one from the list."
                )
                % {"n": n, "comparison": op},
            )
        elif fact is not None and op not in comparisons_for(fact):
            self.add_error(
                f"comparison_{n}",
                _(
                    "Condition %(n)s: “%(comparison)s” does not fit “%(fact)s”; "
                    "choose one of: %(fitting)s."
                )
                % {
                    "n": n,
                    "comparison": COMPARISONS[op],
                    "fact": fact.label,
                    "fitting": ", ".join(f"“{COMPARISONS[c]}”" for c in comparisons_for(fact)),
                },
            )
        if len(self.errors) > errors_before or fact is None:
            return None
        return self._value_rule(n, fact, op, data)

    def _value_rule(
        self, n: int, fact: Fact, op: str, data: dict[str, Any]
    ) -> dict[str, Any] | None:
        rule: dict[str, Any] = {"fact": fact.code, "op": op}
        if op == "in_brussels":
            return rule
        if op == "between":
            if data["number"] is None or data["up_to"] is None:
                field = f"number_{n}" if data["number"] is None else f"up_to_{n}"
                message = _("Condition %(n)s: enter both numbers for “between”.")
                self.add_error(field, message % {"n": n})
                return None
            if data["number"] > data["up_to"]:
                message = _("Condition %(n)s: the first number must not be above the second.")
                self.add_error(f"up_to_{n}", message % {"n": n})
                return None
            return {**rule, "min": _number(data["number"]), "max": _number(data["up_to"])}
        if fact.kind == "number":
            if data["number"] is None:
                message = _("Condition %(n)s: enter the number for “%(comparison)s”.")
                self.add_error(f"number_{n}", message % {"n": n, "comparison": COMPARISONS[op]})
                return None
            return {**rule, "value": _number(data["number"])}
        if fact.kind == "bool":
            if not data["yes_no"]:
                message = _("Condition %(n)s: choose yes or no.")
                self.add_error(f"yes_no_{n}", message % {"n": n})
                return None
            return {**rule, "value": data["yes_no"] == "yes"}
        return self._choice_rule(n, fact, rule, data["values"] or [])

    def _choice_rule(
        self, n: int, fact: Fact, rule: dict[str, Any], ticked: list[str]
    ) -> dict[str, Any] | None:
        prefix = f"{fact.code}:"
        others = [value for value in ticked if not value.startswith(prefix)]
        values = [value.removeprefix(prefix) for value in ticked if value.startswith(prefix)]
        field = f"values_{n}"
        if others:
            labels = dict(
                choice for _group, group in self.fields[field].choices for choice in group
            )
            message = _("Condition %(n)s: untick the values of other facts (%(values)s).")
            self.add_error(
                field, message % {"n": n, "values": ", ".join(str(labels[v]) for v in others)}
            )
            return None
        if not values:
            message = _("Condition %(n)s: tick at least one value of “%(fact)s”.")
            self.add_error(field, message % {"n": n, "fact": fact.label})
            return None
        if rule["op"] == "is" and len(values) > 1:
            message = _(
                "Condition %(n)s: “is” takes one value; tick only one or choose “is one of”."
            )
            self.add_error(field, message % {"n": n})
            return None
        if rule["op"] == "is":
            return {**rule, "value": values[0]}
        return {**rule, "values": values}


class SituationForm(forms.Form):
    """A situation typed in the preview: a value per fact, unknown when left empty."""

    prefix = "situation"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unknown = ("", gettext("unknown"))
        for fact in TOLD:
            code, label = fact.code, capfirst(fact.label)
            if fact.kind == "number":
                self.fields[code] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    error_messages={
                        "invalid": gettext("“%(fact)s” must be a whole number, such as 2.")
                        % {"fact": label},
                        "min_value": gettext("“%(fact)s” cannot be below 0.") % {"fact": label},
                    },
                )
            elif fact.kind == "bool":
                choices = [unknown, ("yes", gettext("yes")), ("no", gettext("no"))]
                self.fields[code] = forms.ChoiceField(label=label, required=False, choices=choices)
            else:
                choices = [unknown, *values_of(fact)]
                self.fields[code] = forms.ChoiceField(label=label, required=False, choices=choices)

    def facts(self) -> dict[str, Any]:
        """The facts typed, in the form the criteria read (None: unknown)."""
        facts: dict[str, Any] = {}
        for code, fact in ALL_FACTS.items():
            value = self.cleaned_data.get(code)
            if value in (None, ""):
                facts[code] = None
            elif fact.kind == "bool":
                facts[code] = value == "yes"
            else:
                facts[code] = value
        return facts
