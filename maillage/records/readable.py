"""Words for the readable export of codes the data file keeps as they are: the labels of
fields whose model names them only by their code name ("created_by"), and the values
stored as codes (information categories, intake facts, languages, the audit trail's
roles, actions and parts).

The JSON export (docs/export-format.md) keeps the codes; the PDF says them in the
reader's language. Lazy, so that each reader gets their own language.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maillage.ui.templatetags.languages import language_name

# Fields a model does not label itself (Django would print "created by", untranslated).
FIELD_LABELS: dict[str, Promise] = {
    "created_at": _("created on"),
    "updated_at": _("last changed on"),
    "created_by": _("created by"),
    "override_at": _("outcome overridden on"),
    "override_by": _("outcome overridden by"),
    "decided_by": _("decided by"),
    "recorded_by": _("recorded by"),
    "assessed_by": _("assessed by"),
    "author": _("written by"),
    "answered_by": _("answered by"),
    "by": _("recorded by"),
    "sent_at": _("sent on"),
    "sent_by": _("sent by"),
    "used_at": _("used on"),
    "used_by": _("used by"),
    "expires_at": _("expires on"),
    "language": _("language"),
    "categories": _("information categories"),
    "digest": _("fingerprint of the version sent"),
    "purpose": _("purpose"),
}

# The audit trail's verbs ("case.viewed"): what was touched, and what was done to it.
AUDIT_OBJECTS: dict[str, Promise] = {
    "public": _("request from outside"),
    "case": _("case"),
    "request": _("request"),
    "person": _("person"),
    "consent": _("consent"),
    "conference": _("case conference"),
    "referral": _("referral"),
    "journal": _("journal entry"),
    "goal": _("goal"),
    "action": _("action"),
    "actor": pgettext_lazy("audit trail", "network member"),
    "assessment": _("assessment"),
    "crisis_plan": _("crisis plan"),
    "space": pgettext_lazy("audit trail", "personal space"),
    "partner": _("partner professional"),
    "invitation": _("invitation"),
    "unmet_need": pgettext_lazy("audit trail", "unmet need"),
}
AUDIT_ACTIONS: dict[str, Promise] = {
    "viewed": pgettext_lazy("audit trail", "read"),
    # Requests from outside (maillage/public): what the requester's links did.
    "request_submitted": pgettext_lazy("audit trail", "sent without an account"),
    "status_viewed": pgettext_lazy("audit trail", "read through the requester's link"),
    "invitation_viewed": pgettext_lazy("audit trail", "read through a colleague's link"),
    "colleague_invited": pgettext_lazy("audit trail", "colleague invited"),
    "colleague_joined": pgettext_lazy("audit trail", "colleague joined"),
    "submission_released": pgettext_lazy("audit trail", "released into the queue"),
    "submission_purged": pgettext_lazy("audit trail", "purged"),
    "viewed_for_merge": pgettext_lazy("audit trail", "read to merge duplicates"),
    "opened": pgettext_lazy("audit trail", "opened"),
    "opened_with_purpose": pgettext_lazy("audit trail", "opened with a stated purpose"),
    "opened_by_link": pgettext_lazy("audit trail", "opened through its link"),
    "recorded": pgettext_lazy("audit trail", "recorded"),
    "written": pgettext_lazy("audit trail", "written"),
    "created": pgettext_lazy("audit trail", "created"),
    "added": pgettext_lazy("audit trail", "added"),
    "changed": pgettext_lazy("audit trail", "changed"),
    "facts_changed": pgettext_lazy("audit trail", "facts changed"),
    "agenda_changed": pgettext_lazy("audit trail", "agenda changed"),
    "phase_changed": pgettext_lazy("audit trail", "phase changed"),
    "versioned": pgettext_lazy("audit trail", "new version"),
    "ended": pgettext_lazy("audit trail", "ended"),
    "withdrawn": pgettext_lazy("audit trail", "withdrawn"),
    "closed": pgettext_lazy("audit trail", "closed"),
    "reviewed": pgettext_lazy("audit trail", "reviewed"),
    "followed_up": pgettext_lazy("audit trail", "later check recorded"),
    "erased": pgettext_lazy("audit trail", "erased"),
    "anonymised": pgettext_lazy("audit trail", "anonymised"),
    "exported": pgettext_lazy("audit trail", "exported"),
    "rectified": pgettext_lazy("audit trail", "corrected"),
    "merged": pgettext_lazy("audit trail", "merged"),
    "merged_away": pgettext_lazy("audit trail", "merged into another record"),
    "accepted": pgettext_lazy("audit trail", "accepted"),
    "refused": pgettext_lazy("audit trail", "refused"),
    "oriented": pgettext_lazy("audit trail", "oriented elsewhere"),
    "outcome_overridden": pgettext_lazy("audit trail", "outcome overridden"),
    "override_removed": pgettext_lazy("audit trail", "override removed"),
    "scheduled": pgettext_lazy("audit trail", "scheduled"),
    "rescheduled": pgettext_lazy("audit trail", "rescheduled"),
    "cancelled": pgettext_lazy("audit trail", "cancelled"),
    "held": pgettext_lazy("audit trail", "held"),
    "attendance_recorded": pgettext_lazy("audit trail", "attendance recorded"),
    "decision_taken": pgettext_lazy("audit trail", "decision taken"),
    "decision_evaluated": pgettext_lazy("audit trail", "decision evaluated"),
    "minutes_sent": pgettext_lazy("audit trail", "minutes sent"),
    "sent": pgettext_lazy("audit trail", "sent"),
    "received": pgettext_lazy("audit trail", "received"),
    "reminded": pgettext_lazy("audit trail", "reminder sent"),
    "waiting_list": pgettext_lazy("audit trail", "put on a waiting list"),
    "answered": pgettext_lazy("audit trail", "answered"),
    "invited": pgettext_lazy("audit trail", "invited"),
    "activated": pgettext_lazy("audit trail", "activated"),
    "account_created": pgettext_lazy("audit trail", "account created"),
    "linked": pgettext_lazy("audit trail", "linked"),
    "wish_recorded": pgettext_lazy("audit trail", "wish recorded"),
}


# Parts of the file that are not parts of a case (those are `access.own.PART_LABELS`).
AUDIT_PARTS: dict[str, Any] = {
    "identity": _("your identity details"),
    "access_log": _("Who read your file"),
    "export": _("everything held about you (an export)"),
    "pdf": "PDF",
    "json": "JSON",
    "partner": pgettext_lazy("audit trail", "the list of a partner professional"),
}


# Why a referral's answer link was sent (ReferralLink.purpose).
LINK_PURPOSES: dict[str, Promise] = {
    "referral": pgettext_lazy("referral link sent with", "the referral"),
    "reminder": pgettext_lazy("referral link sent with", "a reminder"),
    "acknowledgement": pgettext_lazy("referral link sent with", "an acknowledgement"),
}
# Who acted, when it is not a role of a team (accounts.Role).
OTHER_ACTORS: dict[str, Promise] = {"person": _("the person")}


def field_label(model_field: models.Field) -> Any:
    """The field's own label, else ours, else (a link) the name of what it points at."""
    label = model_field.verbose_name
    if isinstance(label, Promise):
        return label
    if model_field.name in FIELD_LABELS:
        return FIELD_LABELS[model_field.name]
    if model_field.is_relation and model_field.related_model is not None:
        return model_field.related_model._meta.verbose_name
    return label


def value_text(row: Any, name: str, value: Any) -> str | None:
    """The value of a field kept as a code, in words; None if it is not one of those."""
    if name == "language" and value:
        return language_name(value)
    if row._meta.label_lower == "audit.auditevent":
        return _audit_text(name, value)
    if row._meta.label_lower == "records.rectification" and name == "field" and value:
        return _person_field(value)
    if row._meta.label_lower == "orientation.referrallink" and name == "purpose" and value:
        return str(LINK_PURPOSES.get(value, value))
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return _categories(value)
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return ", ".join(str(item.get("label", "")) for item in value if item.get("label"))
    if name == "facts" and isinstance(value, dict):
        return _facts(value)
    return None


def _person_field(name: str) -> str:
    from maillage.people.models import Person

    try:
        return str(Person._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _categories(codes: list[str]) -> str | None:
    from maillage.categories import Category

    labels = dict(Category.choices)
    if not all(code in labels for code in codes):
        return None
    return ", ".join(str(labels[code]) for code in codes)


def _facts(facts: dict[str, Any]) -> str:
    from maillage.programmes.facts import ALL_FACTS

    parts = []
    for code, value in facts.items():
        fact = ALL_FACTS.get(code)
        label, shown = (fact.label, fact.display(value)) if fact else (code, value)
        parts.append(gettext("%(label)s: %(value)s") % {"label": label, "value": shown})
    return "; ".join(parts)


def _audit_text(name: str, value: Any) -> str | None:
    if not value:
        return None
    if name == "actor_role":
        from maillage.accounts.models import Role

        roles = {**dict(Role.choices), **OTHER_ACTORS}
        return ", ".join(str(roles.get(role.strip(), role)) for role in value.split(","))
    if name == "verb":
        subject, _dot, action = value.partition(".")
        if subject in AUDIT_OBJECTS and action in AUDIT_ACTIONS:
            return pgettext("audit trail: what, then what was done", "%(what)s: %(done)s") % {
                "what": AUDIT_OBJECTS[subject],
                "done": AUDIT_ACTIONS[action],
            }
        return None
    if name == "part":
        from maillage.access.own import PART_LABELS

        return str({**PART_LABELS, **AUDIT_PARTS}.get(value, value))
    if name == "target_type":
        try:
            model = apps.get_model(value)
        except (LookupError, ValueError):
            return None
        label = model._meta.verbose_name
        if not isinstance(label, Promise):  # a model that does not name itself
            label = AUDIT_OBJECTS.get(model._meta.model_name, label)
        return str(label)
    return None
