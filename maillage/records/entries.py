"""The person-level models of the core apps, as export and erasure entries.

Apps added later register their own models in `<app>/personal_data.py` (see
registry.py); the completeness test fails while a person-level model is in no entry.
"""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .registry import DELETE, KEEP, REDACT, Entry, register

ANONYMOUS_GIVEN_NAME = "—"
ANONYMOUS_FAMILY_NAME = "[anonymisé]"


def anonymise_persons(persons: QuerySet[Any]) -> int:
    """Names become a fixed marker, the birth date the 1st of January of its year,
    contact details are emptied; residence, language and dates stay (statistics)."""
    changed = 0
    for person in persons:
        person.given_name = ANONYMOUS_GIVEN_NAME
        person.family_name = ANONYMOUS_FAMILY_NAME
        if person.birth_date is not None:
            person.birth_date = date(person.birth_date.year, 1, 1)
        person.phone = ""
        person.email = ""
        person.save(update_fields=["given_name", "family_name", "birth_date", "phone", "email"])
        changed += 1
    return changed


def _day(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def register_core() -> None:
    register(
        Entry(
            key="rectifications",
            model="records.Rectification",
            person_path="person",
            fields=("field", "old_value", "new_value", "reason", "by", "at"),
            title=_("Corrections of identity details"),
            erase=DELETE,
            table=True,
        ),
        Entry(
            key="merged_records",
            model="people.Person",
            person_path="merged_into",
            fields=(
                "given_name",
                "family_name",
                "birth_date",
                "residence",
                "language",
                "phone",
                "email",
                "created_at",
            ),
            title=_("Duplicate records merged into this one"),
            erase=anonymise_persons,
        ),
        # Requests and their answers.
        Entry(
            key="requests",
            model="intake.SupportRequest",
            person_path="person",
            case_path="case",
            fields=(
                "programme",
                "team",
                "received_at",
                "channel",
                "summary",
                "what_is_asked",
                "urgent",
                "facts",
                "answer_due",
                "status",
                "eligibility_outcome",
                "override_outcome",
                "override_justification",
                "override_by",
                "override_at",
                "clarified_at",
                "created_by",
                "created_at",
                "updated_at",
            ),
            title=_("Requests"),
            erase={"summary": "", "what_is_asked": "", "facts": {}, "override_justification": ""},
            label=lambda row: f"{row.programme} – {_day(row.received_at)}",
        ),
        Entry(
            key="requesters",
            model="intake.Requester",
            parent="requests",
            parent_field="support_request",
            person_path="support_request__person",
            case_path="support_request__case",
            fields=("kind", "name", "organisation", "sector", "contact"),
            title=_("Who asked"),
            erase={"name": "", "contact": ""},
        ),
        Entry(
            key="decisions",
            model="intake.Decision",
            parent="requests",
            parent_field="support_request",
            person_path="support_request__person",
            case_path="support_request__case",
            fields=("kind", "reason", "orient_target", "decided_by", "decided_at"),
            title=_("Answer"),
            erase={"reason": REDACT},
        ),
        # Cases and their file.
        Entry(
            key="cases",
            model="cases.Case",
            person_path="person",
            case_path="id",
            fields=(
                "programme",
                "team",
                "support_request",
                "phase",
                "opened_at",
                "planned_end",
                "next_review",
                "closed_at",
                "closure_reason",
                "closure_note",
                "actors_know_mission",
                "person_agrees",
                "network_holds",
                "follow_up_on",
                "follow_up_done_at",
                "follow_up_held",
                "follow_up_note",
                "created_at",
                "updated_at",
            ),
            title=_("Cases"),
            erase={"closure_note": "", "follow_up_note": ""},
            label=lambda row: f"{row.programme} – {_day(row.opened_at)}",
        ),
        _case_part(
            "workers",
            "cases.CaseWorker",
            ("user", "started_at", "ended_at"),
            _("Case workers"),
            KEEP,
            table=True,
        ),
        _case_part(
            "consents",
            "consent.Consent",
            (
                "status",
                "method",
                "decided_by",
                "justification",
                "notes",
                "recorded_at",
                "recorded_by",
            ),
            _("Consents"),
            {"decided_by": "", "justification": "", "notes": ""},
        ),
        Entry(
            key="shares",
            model="consent.Share",
            parent="consents",
            parent_field="consent",
            person_path="consent__case__person",
            case_path="consent__case",
            fields=("actor", "categories"),
            title=_("Shared with"),
            erase=DELETE,
            select_related=("actor",),
            label=lambda row: str(row.actor),
        ),
        _case_part(
            "assessments",
            "assessments.Assessment",
            ("assessed_on", "summary", "assessed_by", "created_at", "updated_at"),
            _("Assessments"),
            {"summary": ""},
        ),
        Entry(
            key="domains",
            model="assessments.DomainAssessment",
            parent="assessments",
            parent_field="assessment",
            person_path="assessment__case__person",
            case_path="assessment__case",
            fields=(
                "domain",
                "needs",
                "difficulties",
                "resources_person",
                "resources_entourage",
                "severity",
                "person_priority",
                "readiness",
                "risks",
            ),
            title=_("Life domains"),
            erase=dict.fromkeys(
                (
                    "needs",
                    "difficulties",
                    "resources_person",
                    "resources_entourage",
                    "readiness",
                    "risks",
                ),
                "",
            ),
            label=lambda row: str(row.get_domain_display()),
        ),
        _case_part(
            "network",
            "network.Actor",
            (
                "kind",
                "name",
                "organisation",
                "service",
                "profession",
                "sector",
                "independent",
                "relation",
                "role",
                "mission",
                "quality",
                "exhausted",
                "phone",
                "email",
                "language",
                "user",
                "started_on",
                "ended_on",
                "last_contact_on",
                "created_at",
                "updated_at",
            ),
            _("Network"),
            {
                "name": REDACT,
                "organisation": "",
                "service": "",
                "role": "",
                "mission": "",
                "phone": "",
                "email": "",
            },
        ),
        _case_part(
            "goals",
            "plans.Goal",
            (
                "own_words",
                "reformulation",
                "priority",
                "status",
                "life_domains",
                "category",
                "created_by",
                "created_at",
                "updated_at",
            ),
            _("Goals"),
            {"own_words": REDACT, "reformulation": ""},
        ),
        _case_part(
            "actions",
            "plans.Action",
            (
                "goal",
                "what",
                "owner",
                "with_actors",
                "with_whom",
                "how",
                "due_on",
                "status",
                "follow_up",
                "category",
                "created_by",
                "created_at",
                "updated_at",
            ),
            _("Actions: who does what, when"),
            {"what": REDACT, "with_whom": "", "how": "", "follow_up": ""},
        ),
        _case_part(
            "crisis_plans",
            "plans.CrisisPlan",
            (
                "version",
                "warning_signs",
                "triggers",
                "what_helps",
                "what_to_avoid",
                "preference_treatment",
                "preference_hospital",
                "preference_children",
                "preference_pets",
                "preference_home",
                "preference_money",
                "agreed_on",
                "present_at_agreement",
                "created_by",
                "created_at",
            ),
            _("Crisis plan (every version)"),
            DELETE,
            label=lambda row: _("version %(version)s") % {"version": row.version},
        ),
        Entry(
            key="contacts",
            model="plans.CrisisContact",
            parent="crisis_plans",
            parent_field="crisis_plan",
            person_path="crisis_plan__case__person",
            case_path="crisis_plan__case",
            fields=("position", "actor", "name", "phone", "when"),
            title=_("Whom to call"),
            erase=DELETE,
            table=True,
        ),
        _case_part(
            "journal",
            "cases.JournalEntry",
            (
                "occurred_at",
                "kind",
                "duration_minutes",
                "participants",
                "text",
                "category",
                "author",
                "created_at",
                "updated_at",
            ),
            _("Journal"),
            DELETE,
        ),
        _case_part(
            "conferences",
            "conferences.Conference",
            (
                "starts_at",
                "duration_minutes",
                "place",
                "video_link",
                "organiser",
                "facilitator",
                "status",
                "funding_scheme",
                "reference_person",
                "next_conference",
                "held_at",
                "created_at",
                "updated_at",
            ),
            _("Case conferences"),
            {"place": "", "video_link": ""},
            label=lambda row: formats.date_format(row.starts_at, "SHORT_DATETIME_FORMAT"),
        ),
        _conference_part(
            "invitations",
            "conferences.Invitation",
            (
                "actor",
                "email",
                "language",
                "sent_at",
                "answer",
                "answered_at",
                "attendance",
                "represents",
                "duration_minutes",
            ),
            _("Invitations"),
            {"email": ""},
            select_related=("actor",),
            label=lambda row: str(row.actor),
        ),
        _conference_part(
            "agenda",
            "conferences.AgendaItem",
            ("position", "title", "goal", "action", "notes", "category"),
            _("Agenda"),
            {"title": REDACT, "notes": ""},
        ),
        _conference_part(
            "conference_decisions",
            "conferences.ConferenceDecision",
            (
                "agenda_item",
                "what",
                "owner",
                "due_on",
                "with_whom",
                "how",
                "category",
                "action",
                "evaluation",
                "evaluation_comment",
                "evaluated_at",
                "created_at",
            ),
            _("Decisions"),
            {"what": REDACT, "with_whom": "", "how": "", "evaluation_comment": ""},
        ),
        _conference_part(
            "minutes_deliveries",
            "conferences.MinutesDelivery",
            ("invitation", "language", "categories", "digest", "sent_at", "sent_by"),
            _("Minutes sent"),
            KEEP,
            table=True,
            label=lambda row: formats.date_format(row.sent_at, "SHORT_DATETIME_FORMAT"),
        ),
        _case_part(
            "erasure",
            "records.ErasedCase",
            ("erased_at", "retention_days", "person_anonymised", "rows"),
            _("Erasure after the retention period"),
            KEEP,
        ),
        # Who read or changed what about the person: the audit trail, never altered.
        Entry(
            key="access_log",
            model="audit.AuditEvent",
            person_path="person_id",
            fields=(
                "seq",
                "at",
                "actor_label",
                "actor_role",
                "verb",
                "part",
                "purpose",
                "case_id",
                "target_type",
            ),
            title=_("Who read or changed the file"),
            erase=KEEP,
            table=True,
        ),
    )


def _case_part(
    key: str, model: str, fields: tuple[str, ...], title: Any, erase: Any, **options: Any
) -> Entry:
    """A part of the case file: rows with a `case` field, nested under their case."""
    return Entry(
        key=key,
        model=model,
        parent="cases",
        parent_field="case",
        person_path="case__person",
        case_path="case",
        fields=fields,
        title=title,
        erase=erase,
        **options,
    )


def _conference_part(
    key: str, model: str, fields: tuple[str, ...], title: Any, erase: Any, **options: Any
) -> Entry:
    """A part of a case conference, nested under it."""
    return Entry(
        key=key,
        model=model,
        parent="conferences",
        parent_field="conference",
        person_path="conference__case__person",
        case_path="conference__case",
        fields=fields,
        title=title,
        erase=erase,
        **options,
    )
