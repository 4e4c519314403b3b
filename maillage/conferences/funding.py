"""Funding schemes as data: check a conference against its scheme's conditions.

A scheme (`FundingScheme.rules`, edited by administrators) is a list of conditions:

    {"code": "mental-health-present",
     "label_fr": "…", "label_nl": "…", "label_en": "…",
     "when": "before" | "after" | "both",
     "rule": {"type": "sector_present", "sectors": ["mental_health"]}}

`when` says at which stage the condition is checked: before the meeting (while it is
planned), after it (once attendance is recorded), or both. Rule types:

    {"type": "consent_recorded"}
        The consent in force at the end of the meeting (the latest recorded until then)
        allows sharing (`maillage.consent.rules.sharing_allowed`).
    {"type": "min_professionals_present", "min": 3, "distinct_kinds": true}
        At least `min` formal actors (professionals) were present; with `distinct_kinds`,
        of different kinds (an actor's kind is their profession, or their sector when no
        profession is recorded). Before the meeting: those invited who have not declined.
    {"type": "sector_present", "sectors": ["mental_health"], "label": {...}}
        At least one professional of these sectors was present (before the meeting:
        invited and not declined). "first_line" stands for the first-line sectors
        (`maillage.network.models.FIRST_LINE`).
    {"type": "invited", "sectors": ["general_practice"], "label": {...}}
        At least one professional of these sectors is invited; presence is not required.
    {"type": "reference_person_chosen", "at": "first"}
        The first conference of the case (planned or held) records the reference person
        the person chose.
    {"type": "max_funded_per_12_months", "adult": 3, "minor": 5, "minor_until_age": 18}
        Conferences of the case under the same scheme, planned or held, in the 12 months
        up to this one (this one included) are at most `adult`, or `minor` when the person
        is younger than `minor_until_age` on the day (unknown birth date: the adult limit).
    {"type": "follow_up_planned_within", "months": 12}
        The next conference (`next_conference`), or another planned conference of the
        case, is planned within `months` months after this one.

`label` (optional in `sector_present` and `invited`) names whom the rule looks for in
explanations: a text, or {"fr": …, "nl": …, "en": …}; by default the sectors' names.

`check(conference, stage=…)` returns one `Finding` per condition, in the active language,
with an explanation that names the numbers. `validate_rules()` is what the administration
runs when a scheme is saved: an unknown rule type or a malformed parameter is refused
there, so evaluation never raises on the data. The rules only read what the conference
has loaded: prefetch with `with_funding_data()` to check many conferences in a constant
number of queries.
"""

import calendar
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from maillage.consent.models import Consent
from maillage.consent.rules import sharing_allowed
from maillage.network.models import FIRST_LINE, Actor, Sector

from .models import Conference, FundingScheme, Invitation

BEFORE, AFTER, BOTH = "before", "after", "both"
STAGES = (BEFORE, AFTER)
FIRST_LINE_ALIAS = "first_line"
LANGUAGES = ("fr", "nl", "en")


@dataclass(frozen=True)
class Finding:
    code: str
    label: str
    met: bool
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check(conference: Conference, *, stage: str) -> list[Finding]:
    """The scheme's conditions checked at `stage` ("before" or "after" the meeting);
    none when the conference falls under no scheme."""
    if stage not in STAGES:
        raise ValueError(f"Unknown stage {stage!r}")
    scheme = conference.funding_scheme
    if scheme is None:
        return []
    return [
        _finding(condition, conference, stage)
        for condition in scheme.rules
        if condition.get("when", BOTH) in (stage, BOTH)
    ]


def conditions_met(conference: Conference) -> bool | None:
    """Every condition of the scheme, whatever its stage, checked on the meeting as
    held; None when the conference falls under no scheme."""
    scheme = conference.funding_scheme
    if scheme is None:
        return None
    return all(_finding(condition, conference, AFTER).met for condition in scheme.rules)


def with_funding_data(conferences: QuerySet[Conference]) -> QuerySet[Conference]:
    """Load what the rules read, so that checking many conferences costs no more
    queries than checking one."""
    return conferences.select_related(
        "case__person", "case__programme", "funding_scheme", "next_conference"
    ).prefetch_related(*_prefetches())


def _prefetches() -> list[Prefetch]:
    return [
        Prefetch(
            "invitations",
            queryset=Invitation.objects.select_related("actor").order_by(
                "actor__kind", "actor__name", "pk"
            ),
        ),
        Prefetch(
            "case__conferences",
            queryset=Conference.objects.select_related("reference_person").order_by(
                "starts_at", "pk"
            ),
        ),
        Prefetch("case__consents", queryset=Consent.objects.order_by("recorded_at", "pk")),
    ]


def load_funding_data(conference: Conference) -> Conference:
    """Load what the rules read for one conference (the page of its conditions)."""
    prefetch_related_objects(
        [conference], "funding_scheme", "next_conference", "case__person", *_prefetches()
    )
    return conference


def scheme_name(scheme: FundingScheme) -> str:
    return _in_language(scheme, "name")


def condition_label(condition: Mapping[str, Any]) -> str:
    return _in_language(condition, "label")


# Evaluation


def _finding(condition: Mapping[str, Any], conference: Conference, stage: str) -> Finding:
    rule = condition.get("rule") or {}
    evaluate = RULES.get(rule.get("type", "")) if isinstance(rule, Mapping) else None
    if evaluate is None:
        # Refused when the scheme is saved; data edited elsewhere is reported, not raised.
        met, explanation = False, _("This condition cannot be checked: its rule is not known.")
    else:
        met, explanation = evaluate(rule, conference, stage)
    return Finding(str(condition.get("code", "")), condition_label(condition), met, explanation)


def _consent_recorded(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    end = _ends_at(conference)
    recorded = [c for c in conference.case.consents.all() if c.recorded_at <= end]
    consent = max(recorded, key=lambda c: (c.recorded_at, str(c.pk)), default=None)
    if consent is None:
        return False, _("No consent of the person is recorded.")
    values = {
        "status": consent.get_status_display(),
        "date": formats.date_format(timezone.localdate(consent.recorded_at)),
    }
    if sharing_allowed(consent):
        return True, _(
            "The consent in force (%(status)s, recorded on %(date)s) allows sharing."
        ) % values
    return False, _(
        "The consent in force (%(status)s, recorded on %(date)s) does not allow sharing."
    ) % values


def _min_professionals_present(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    professionals = _participants(conference, stage)
    minimum = rule["min"]
    if rule.get("distinct_kinds"):
        count = len({kind for actor in professionals if (kind := _kind(actor))})
        if stage == BEFORE:
            text = ngettext(
                "%(count)s professional is expected (invited, not declined); at least "
                "%(min)s of different kinds are required.",
                "%(count)s professionals of different kinds are expected (invited, not "
                "declined); at least %(min)s are required.",
                count,
            )
        else:
            text = ngettext(
                "%(count)s professional was present; at least %(min)s of different kinds "
                "are required.",
                "%(count)s professionals of different kinds were present; at least %(min)s "
                "are required.",
                count,
            )
    else:
        count = len(professionals)
        if stage == BEFORE:
            text = ngettext(
                "%(count)s professional is expected (invited, not declined); at least "
                "%(min)s are required.",
                "%(count)s professionals are expected (invited, not declined); at least "
                "%(min)s are required.",
                count,
            )
        else:
            text = ngettext(
                "%(count)s professional was present; at least %(min)s are required.",
                "%(count)s professionals were present; at least %(min)s are required.",
                count,
            )
    return count >= minimum, text % {"count": count, "min": minimum}


def _sector_present(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    sectors = _sectors(rule)
    count = sum(actor.sector in sectors for actor in _participants(conference, stage))
    values = {"label": _whom(rule), "count": count}
    if stage == BEFORE:
        if count:
            return True, _(
                "At least one %(label)s is expected (%(count)s invited, not declined)."
            ) % values
        return False, _("No %(label)s is expected: none is invited without having declined.") % (
            values
        )
    if count:
        return True, _("At least one %(label)s was present (%(count)s).") % values
    return False, _("No %(label)s was present.") % values


def _invited(rule: Mapping[str, Any], conference: Conference, stage: str) -> tuple[bool, str]:
    sectors = _sectors(rule)
    count = sum(
        inv.actor.kind == Actor.Kind.FORMAL and inv.actor.sector in sectors
        for inv in conference.invitations.all()
    )
    values = {"label": _whom(rule), "count": count}
    if count:
        return True, _(
            "At least one %(label)s is invited (%(count)s); presence is not required."
        ) % values
    return False, _(
        "No %(label)s is invited: invite them, even if they cannot come (presence is not required)."
    ) % values


def _reference_person_chosen(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    first = min(
        (c for c in conference.case.conferences.all() if c.status != Conference.Status.CANCELLED),
        key=lambda c: (c.starts_at, str(c.pk)),
        default=conference,
    )
    day = formats.date_format(timezone.localdate(first.starts_at))
    if first.reference_person is not None:
        return True, _(
            "The person chose %(name)s as reference person at the first conference (%(date)s)."
        ) % {"name": first.reference_person, "date": day}
    if first.pk == conference.pk:
        return False, _(
            "No reference person is recorded yet: the person chooses one at this first conference."
        )
    return False, _("No reference person was recorded at the first conference (%(date)s).") % {
        "date": day
    }


def _max_funded_per_12_months(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    since = _add_months(conference.starts_at, -12)
    counted = {
        c.pk
        for c in conference.case.conferences.all()
        if c.funding_scheme_id == conference.funding_scheme_id
        and c.status != Conference.Status.CANCELLED
        and since < c.starts_at <= conference.starts_at
    }
    counted.add(conference.pk)
    count = len(counted)
    age = conference.case.person.age_on(timezone.localdate(conference.starts_at))
    if age is not None and age < rule["minor_until_age"]:
        limit = rule["minor"]
        whom = _("a child or adolescent (under %(age)s)") % {"age": rule["minor_until_age"]}
    else:
        limit = rule["adult"]
        whom = _("an adult") if age is not None else _("an adult (the birth date is unknown)")
    text = ngettext(
        "%(count)s funded conference in the 12 months up to this one (this one included); "
        "at most %(max)s for %(whom)s.",
        "%(count)s funded conferences in the 12 months up to this one (this one included); "
        "at most %(max)s for %(whom)s.",
        count,
    )
    return count <= limit, text % {"count": count, "max": limit, "whom": whom}


def _follow_up_planned_within(
    rule: Mapping[str, Any], conference: Conference, stage: str
) -> tuple[bool, str]:
    months = rule["months"]
    until = _add_months(conference.starts_at, months)
    planned = [
        c.starts_at
        for c in conference.case.conferences.all()
        if c.status == Conference.Status.PLANNED
        and c.pk != conference.pk
        and conference.starts_at < c.starts_at <= until
    ]
    following = conference.next_conference
    if following is not None and following.status != Conference.Status.CANCELLED:
        planned.append(following.starts_at)
    within = [moment for moment in planned if conference.starts_at < moment <= until]
    values = {"months": months}
    if within:
        values["date"] = formats.date_format(timezone.localdate(min(within)))
        return True, _(
            "A follow-up conference is planned on %(date)s, within %(months)s months."
        ) % values
    if following is not None and following.starts_at > until:
        values["date"] = formats.date_format(timezone.localdate(following.starts_at))
        return False, _(
            "The next conference (%(date)s) is more than %(months)s months after this one."
        ) % values
    return False, _(
        "No follow-up conference is planned within %(months)s months of this one."
    ) % values


Rule = Callable[[Mapping[str, Any], Conference, str], tuple[bool, str]]
RULES: dict[str, Rule] = {
    "consent_recorded": _consent_recorded,
    "min_professionals_present": _min_professionals_present,
    "sector_present": _sector_present,
    "invited": _invited,
    "reference_person_chosen": _reference_person_chosen,
    "max_funded_per_12_months": _max_funded_per_12_months,
    "follow_up_planned_within": _follow_up_planned_within,
}


def _participants(conference: Conference, stage: str) -> list[Actor]:
    """Professionals present (after the meeting) or expected (before it)."""
    invitations = [i for i in conference.invitations.all() if i.actor.kind == Actor.Kind.FORMAL]
    if stage == BEFORE:
        return [i.actor for i in invitations if i.answer != Invitation.Answer.NO]
    return [i.actor for i in invitations if i.attendance == Invitation.Attendance.PRESENT]


def _kind(actor: Actor) -> str:
    return " ".join(actor.profession.casefold().split()) or actor.sector


def _sectors(rule: Mapping[str, Any]) -> set[str]:
    found: set[str] = set()
    for sector in rule["sectors"]:
        found |= {str(s) for s in FIRST_LINE} if sector == FIRST_LINE_ALIAS else {sector}
    return found


def _whom(rule: Mapping[str, Any]) -> str:
    label = rule.get("label")
    if isinstance(label, str) and label:
        return label
    if isinstance(label, Mapping):
        return str(label.get(_language()) or label.get("fr") or "")
    names = dict(Sector.choices)
    return _(" or ").join(
        str(_("first-line professional"))
        if sector == FIRST_LINE_ALIAS
        else _("professional of %(sector)s") % {"sector": names.get(sector, sector)}
        for sector in rule["sectors"]
    )


def _ends_at(conference: Conference) -> datetime:
    return conference.starts_at + timedelta(minutes=conference.duration_minutes)


def _add_months(moment: datetime, months: int) -> datetime:
    """The same time `months` later (earlier if negative), on the last day of a
    shorter month: 29 February plus 12 months is 28 February."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in LANGUAGES else "fr"


def _in_language(obj: Any, field: str) -> str:
    def value(language: str) -> str:
        if isinstance(obj, Mapping):
            return str(obj.get(f"{field}_{language}") or "")
        return str(getattr(obj, f"{field}_{language}", "") or "")

    return value(_language()) or value("fr")


# Validation (the administration)

WHEN = (BEFORE, AFTER, BOTH)
CONDITION_KEYS = {"code", "label_fr", "label_nl", "label_en", "when", "rule"}
# Rule type → its parameters: name → (required, check, what the check wants).
_POSITIVE = (lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100, "int")
_AGE = (lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 25, "age")
_BOOL = (lambda v: isinstance(v, bool), "bool")
_SECTORS = (
    lambda v: (
        isinstance(v, list)
        and bool(v)
        and all(s in Sector.values or s == FIRST_LINE_ALIAS for s in v)
    ),
    "sectors",
)
_LABEL = (
    lambda v: (
        (isinstance(v, str) and len(v) <= 200)
        or (
            isinstance(v, dict)
            and set(v) <= set(LANGUAGES)
            and all(isinstance(t, str) and len(t) <= 200 for t in v.values())
        )
    ),
    "label",
)
_FIRST = (lambda v: v == "first", "first")
PARAMETERS: dict[str, dict[str, tuple[bool, Any]]] = {
    "consent_recorded": {},
    "min_professionals_present": {"min": (True, _POSITIVE), "distinct_kinds": (False, _BOOL)},
    "sector_present": {"sectors": (True, _SECTORS), "label": (False, _LABEL)},
    "invited": {"sectors": (True, _SECTORS), "label": (False, _LABEL)},
    "reference_person_chosen": {"at": (True, _FIRST)},
    "max_funded_per_12_months": {
        "adult": (True, _POSITIVE),
        "minor": (True, _POSITIVE),
        "minor_until_age": (True, _AGE),
    },
    "follow_up_planned_within": {"months": (True, _POSITIVE)},
}
assert set(PARAMETERS) == set(RULES)


def _wants(kind: str) -> str:
    return {
        "int": _("a whole number from 1 to 100"),
        "age": _("an age from 1 to 25"),
        "bool": _("true or false"),
        "sectors": _("a non-empty list of sectors among: %(sectors)s")
        % {"sectors": ", ".join([FIRST_LINE_ALIAS, *Sector.values])},
        "label": _('a text, or {"fr": …, "nl": …, "en": …}'),
        "first": _("“first”"),
    }[kind]


def validate_rules(rules: Any) -> None:
    """Raise ValidationError naming each mistake in a scheme's conditions."""
    if not isinstance(rules, list):
        raise ValidationError(_("The conditions must be a list."))
    errors: list[str] = []
    codes: set[str] = set()
    for index, condition in enumerate(rules):
        path = f"[{index}]"
        if not isinstance(condition, dict):
            errors.append(_("%(path)s must be an object.") % {"path": path})
            continue
        errors += _condition_errors(condition, path)
        code = condition.get("code")
        if isinstance(code, str) and code in codes:
            errors.append(
                _("%(path)s.code “%(code)s” is used twice.") % {"path": path, "code": code}
            )
        codes.add(code if isinstance(code, str) else "")
    if errors:
        raise ValidationError(errors)


def _condition_errors(condition: dict[str, Any], path: str) -> list[str]:
    errors = [
        _("%(path)s: unknown key “%(key)s”.") % {"path": path, "key": key}
        for key in sorted(set(condition) - CONDITION_KEYS)
    ]
    code = condition.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 50:
        errors.append(_("%(path)s.code must be a text of 1 to 50 characters.") % {"path": path})
    for key in ("label_fr", "label_nl", "label_en"):
        label = condition.get(key)
        if not isinstance(label, str) or not label.strip() or len(label) > 200:
            errors.append(
                _("%(path)s.%(key)s must be a text of 1 to 200 characters.")
                % {"path": path, "key": key}
            )
    if condition.get("when", BOTH) not in WHEN:
        errors.append(
            _("%(path)s.when must be one of: %(values)s.")
            % {"path": path, "values": ", ".join(WHEN)}
        )
    rule = condition.get("rule")
    if not isinstance(rule, dict):
        return [*errors, _("%(path)s.rule must be an object.") % {"path": path}]
    return errors + _rule_errors(rule, f"{path}.rule")


def _rule_errors(rule: dict[str, Any], path: str) -> list[str]:
    kind = rule.get("type")
    if kind not in PARAMETERS:
        return [
            _("%(path)s.type “%(type)s” is not a known rule; use one of: %(types)s.")
            % {"path": path, "type": kind, "types": ", ".join(PARAMETERS)}
        ]
    parameters = PARAMETERS[kind]
    errors = [
        _("%(path)s: unknown parameter “%(key)s” for “%(type)s”.")
        % {"path": path, "key": key, "type": kind}
        for key in sorted(set(rule) - set(parameters) - {"type"})
    ]
    for name, (required, (accepts, wants)) in parameters.items():
        if name not in rule:
            if required:
                errors.append(
                    _("%(path)s needs “%(key)s” for “%(type)s”.")
                    % {"path": path, "key": name, "type": kind}
                )
            continue
        if not accepts(rule[name]):
            errors.append(
                _("%(path)s.%(key)s must be %(wants)s.")
                % {"path": path, "key": name, "wants": _wants(wants)}
            )
    return errors
