"""Every write to cases."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage import audit
from maillage.accounts.models import User
from maillage.intake.models import SupportRequest
from maillage.versioning import bump_version

from .models import Case, CaseWorker, ClosureReason, JournalEntry

NEXT_PHASE = {
    Case.Phase.EXPLORATION: Case.Phase.ACTIVE,
    Case.Phase.ACTIVE: Case.Phase.CLOSING,
}


@transaction.atomic
def open_case(support_request: SupportRequest, *, workers: list[User], by: User) -> Case:
    """Open the case of an accepted request, held by its workers (often a pair).

    Its first network actors come with it through `casefile.actions.answer_request`.
    """
    programme = support_request.programme
    today = timezone.localdate()
    case = Case.objects.create(
        person_id=support_request.person_id,
        programme=programme,
        team_id=support_request.team_id,
        support_request=support_request,
        planned_end=(
            today + timedelta(days=programme.planned_duration_days)
            if programme.planned_duration_days
            else None
        ),
        next_review=today + timedelta(days=programme.review_interval_days),
    )
    CaseWorker.objects.bulk_create(
        CaseWorker(case=case, team_id=case.team_id, user=worker) for worker in workers
    )
    audit.record(
        by,
        "case.opened",
        person=case.person_id,
        case=case,
        target=case,
        changes=["phase", "workers", "planned_end", "next_review"],
    )
    return case


@transaction.atomic
def advance_phase(case: Case, *, by: User, version: int | None) -> Case:
    """Move exploration → active follow-up → withdrawal. Closing has its own checklist."""
    _require_open(case)
    if case.phase not in NEXT_PHASE:
        raise ValidationError(_("This case cannot move to another phase from here."))
    bump_version(case, version)
    case.phase = NEXT_PHASE[Case.Phase(case.phase)]
    case.save(update_fields=["phase", "updated_at"])
    audit.record(
        by, "case.phase_changed", person=case.person_id, case=case, target=case, changes=["phase"]
    )
    return case


JOURNAL_FIELDS = ("occurred_at", "kind", "duration_minutes", "participants", "text", "category")


def _require_open(case: Case) -> None:
    if case.phase == Case.Phase.CLOSED:
        raise ValidationError(_("This case is closed: its file can no longer be changed."))


@transaction.atomic
def add_journal_entry(case: Case, *, by: User, **fields: object) -> JournalEntry:
    """Write a contact, an accompaniment or a note in the journal."""
    _require_open(case)
    entry = JournalEntry(
        case=case, author=by, **{k: fields[k] for k in fields if k in JOURNAL_FIELDS}
    )
    entry.full_clean()
    entry.save()
    audit.record(
        by,
        "journal.written",
        person=case.person_id,
        case=case,
        target=entry,
        part="journal",
        changes=[k for k in JOURNAL_FIELDS if k in fields],
    )
    return entry


@transaction.atomic
def update_journal_entry(
    entry: JournalEntry, *, by: User, version: int | None, **fields: object
) -> JournalEntry:
    _require_open(entry.case)
    bump_version(entry, version)
    changed = [k for k in JOURNAL_FIELDS if k in fields and getattr(entry, k) != fields[k]]
    for name in changed:
        setattr(entry, name, fields[name])
    entry.full_clean()
    entry.save(update_fields=[*changed, "updated_at"])
    audit.record(
        by,
        "journal.changed",
        person=entry.case.person_id,
        case=entry.case,
        target=entry,
        part="journal",
        changes=changed,
    )
    return entry


@transaction.atomic
def schedule_review(case: Case, *, by: User, next_review: date, version: int | None) -> Case:
    """Record that the case was reviewed, and when the next review is due."""
    _require_open(case)
    if next_review <= timezone.localdate():
        raise ValidationError({"next_review": _("The next review must be in the future.")})
    bump_version(case, version)
    case.next_review = next_review
    case.save(update_fields=["next_review", "updated_at"])
    audit.record(
        by,
        "case.reviewed",
        person=case.person_id,
        case=case,
        target=case,
        part="overview",
        changes=["next_review"],
    )
    return case


CHECKLIST = ("actors_know_mission", "person_agrees", "network_holds")


@transaction.atomic
def close_case(
    case: Case,
    *,
    by: User,
    reason: str,
    follow_up_on: date | None,
    note: str = "",
    actors_know_mission: bool = False,
    person_agrees: bool = False,
    network_holds: bool = False,
    version: int | None = None,
    note_needed: str = "",
) -> Case:
    """Withdraw and close, once each actor knows their mission, the person agrees and
    the network holds; a later check that it held is planned. `note_needed` is the
    reason a closing note is required, if any: `casefile.actions.close_case` passes it
    when goals are still open or actions overdue."""
    _require_open(case)
    errors: dict[str, str] = {}
    if note_needed and not note.strip():
        errors["note"] = note_needed
    checklist = {
        "actors_know_mission": actors_know_mission,
        "person_agrees": person_agrees,
        "network_holds": network_holds,
    }
    messages = {
        "actors_know_mission": _("Check that each actor knows their mission before closing."),
        "person_agrees": _("A case is closed with the person's agreement."),
        "network_holds": _("Check that the network holds before closing."),
    }
    for name, done in checklist.items():
        if not done:
            errors[name] = messages[name]
    if reason not in ClosureReason.values:
        errors["reason"] = _("Choose the reason for closing.")
    if follow_up_on is None:
        errors["follow_up_on"] = _("Plan a date to check that the network held.")
    elif follow_up_on <= timezone.localdate():
        errors["follow_up_on"] = _("The check that the network held must be in the future.")
    if reason == ClosureReason.DECEASED:
        errors.pop("person_agrees", None)
        errors.pop("follow_up_on", None)
    if errors:
        raise ValidationError(errors)
    bump_version(case, version)
    case.phase = Case.Phase.CLOSED
    case.closed_at = timezone.now()
    case.closure_reason = reason
    case.closure_note = note.strip()
    case.follow_up_on = follow_up_on
    for name, done in checklist.items():
        setattr(case, name, done)
    fields = ["phase", "closed_at", "closure_reason", "closure_note", "follow_up_on", *CHECKLIST]
    case.save(update_fields=[*fields, "updated_at"])
    audit.record(
        by,
        "case.closed",
        person=case.person_id,
        case=case,
        target=case,
        part="closure",
        changes=fields,
    )
    return case


@transaction.atomic
def record_follow_up(
    case: Case, *, by: User, held: bool, note: str = "", version: int | None = None
) -> Case:
    """The later check that the network held: the one change left on a closed case."""
    if case.phase != Case.Phase.CLOSED:
        raise ValidationError(_("The follow-up check is for closed cases."))
    bump_version(case, version)
    case.follow_up_done_at = timezone.now()
    case.follow_up_held = held
    case.follow_up_note = note
    case.save(update_fields=["follow_up_done_at", "follow_up_held", "follow_up_note", "updated_at"])
    audit.record(
        by,
        "case.followed_up",
        person=case.person_id,
        case=case,
        target=case,
        part="closure",
        changes=["follow_up_held", "follow_up_note"],
    )
    return case
