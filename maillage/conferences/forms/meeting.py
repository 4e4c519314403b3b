"""Input validation for the meeting page and the minutes: agenda items, attendance,
decisions, evaluations, closing the meeting, choosing a reader of the minutes."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maillage.categories import Category
from maillage.conferences.meeting import (
    EVALUATIONS,
    MAX_DURATION,
    AgendaItemData,
    AttendanceData,
    AttendanceRow,
    DecisionData,
    EvaluationData,
    RowsRefused,
)
from maillage.conferences.models import AgendaItem, Conference, ConferenceDecision, Invitation
from maillage.network.models import Actor
from maillage.plans.forms import ActorChoiceField
from maillage.plans.models import Action
from maillage.ui.widgets import DateInput
from maillage.versioning import StaleVersion


def _text(label: Any, rows: int = 3, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def _ids(prefix: str, key: Any) -> str:
    """Unique element ids for one of several forms on the page (`attendance-<id>-…`)."""
    return f"{prefix}-{key}-%s"


class AgendaItemForm(forms.Form):
    """Add an item (no `item`), or save, move or remove one (`op`)."""

    SAVE, UP, DOWN, REMOVE = "save", "up", "down", "remove"

    item = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    op = forms.ChoiceField(
        choices=[(SAVE, SAVE), (UP, UP), (DOWN, DOWN), (REMOVE, REMOVE)],
        required=False,
        widget=forms.HiddenInput,
    )
    title = forms.CharField(
        label=_("Item"), max_length=AgendaItem._meta.get_field("title").max_length, required=False
    )
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=Category.choices,
        initial=Category.PLAN,
        help_text=_("Only participants the person shares this category with will read it."),
    )
    notes = _text(_("What was said"), rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, item: AgendaItem | None = None, **kwargs: Any) -> None:
        if item is not None:
            kwargs.setdefault("auto_id", _ids("item", item.pk))
            kwargs.setdefault(
                "initial",
                {
                    "item": item.pk,
                    "title": item.title,
                    "category": item.category,
                    "notes": item.notes,
                    "version": item.version,
                },
            )
        else:
            kwargs.setdefault("auto_id", "new-item-%s")
        super().__init__(*args, **kwargs)
        self.item = item
        if self.data.get("op") in (self.UP, self.DOWN, self.REMOVE):
            self.fields["category"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["op"] = data.get("op") or self.SAVE
        if data["op"] == self.SAVE and not data.get("title"):
            self.add_error("title", _("Give the item a title."))

        if data["op"] != self.SAVE and not data.get("item"):
            self.add_error(None, _("Choose an item of the agenda."))
        return data

    def item_data(self) -> AgendaItemData:
        data = self.cleaned_data
        return AgendaItemData(title=data["title"], category=data["category"], notes=data["notes"])


class AttendanceForm(forms.Form):
    """One invitee's row of the attendance grid (`AttendanceGrid`).

    The time spent applies to those present only: for an invitee excused or absent it
    is dropped, without an error, so the prefilled duration never stands in the way.
    """

    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[(value, label) for value, label in Invitation.Attendance.choices if value],
        widget=forms.RadioSelect,
        required=False,
    )
    represents = forms.CharField(
        label=_("Represents (organisation)"),
        max_length=Invitation._meta.get_field("represents").max_length,
        required=False,
    )
    duration_minutes = forms.IntegerField(
        label=_("Time spent (minutes)"), min_value=0, max_value=MAX_DURATION, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, invitation: Invitation, conference: Conference, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", f"attendance-{invitation.pk}")
        kwargs.setdefault("auto_id", "%s")
        kwargs.setdefault("initial", self.initial_for(invitation, conference))
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    @staticmethod
    def initial_for(invitation: Invitation, conference: Conference) -> dict[str, Any]:
        """What is recorded; for someone not recorded yet, a professional's organisation
        and the meeting's duration are proposed (an untouched row saves nothing)."""
        if invitation.attendance:
            return {
                "attendance": invitation.attendance,
                "represents": invitation.represents,
                "duration_minutes": invitation.duration_minutes,
                "version": invitation.version,
            }
        actor = invitation.actor
        professional = actor.kind in (Actor.Kind.FORMAL, Actor.Kind.WORKER)
        return {
            "attendance": None,
            "represents": invitation.represents or (actor.organisation if professional else ""),
            "duration_minutes": conference.duration_minutes,
            "version": invitation.version,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("attendance"):
            # No status: someone the page showed as not recorded. Text typed in the row
            # would be lost, so ask for a status — unless the row was recorded since.
            typed = {"represents", "duration_minutes"} & set(self.changed_data)
            if typed and data.get("version") == self.invitation.version:
                self.add_error("attendance", _("Choose present, excused or absent."))
        if data.get("attendance") != Invitation.Attendance.PRESENT:
            data["duration_minutes"] = None
            self._errors.pop("duration_minutes", None)
        return data

    def is_recorded(self) -> bool:
        """A status was chosen: a row left without one records nothing."""
        return bool(self.cleaned_data.get("attendance"))

    def attendance_row(self) -> AttendanceRow:
        data = self.cleaned_data
        return AttendanceRow(
            invitation=self.invitation,
            data=AttendanceData(
                attendance=data["attendance"],
                represents=data["represents"],
                duration_minutes=data["duration_minutes"],
            ),
            version=data["version"],
        )


class AttendanceGrid:
    """The attendance of every invitee, one row each, saved with one button.

    A row is read from the submitted data only if the page showed it (its version was
    posted): an invitee added since the page was read keeps what is recorded.
    """

    def __init__(
        self, data: Any = None, *, invitations: list[Invitation], conference: Conference
    ) -> None:
        self.non_field_errors: list[str] = []
        self.rows: list[AttendanceForm] = []
        for invitation in invitations:
            row = AttendanceForm(invitation=invitation, conference=conference)
            if data is not None and row.add_prefix("version") in data:
                row = AttendanceForm(data, invitation=invitation, conference=conference)
            self.rows.append(row)

    def __iter__(self) -> Iterator[AttendanceForm]:
        return iter(self.rows)

    def is_valid(self) -> bool:
        return all(row.is_valid() for row in self.rows if row.is_bound)

    def attendance_rows(self) -> list[AttendanceRow]:
        return [row.attendance_row() for row in self.rows if row.is_bound and row.is_recorded()]

    def refuse(self, refused: RowsRefused) -> None:
        """Show why rows were refused, keeping what was typed; a row someone else
        changed meanwhile is rebased on their version, so saving again overwrites it
        knowingly."""
        for row in self.rows:
            reason = refused.errors.get(row.invitation.pk)
            if isinstance(reason, StaleVersion):
                data = row.data.copy()
                data[row.add_prefix("version")] = str(reason.current_version)
                row.data = data
                row.full_clean()
                row.add_error(None, _stale_row_message(row.invitation))
            elif reason is not None:
                for field, messages in reason.message_dict.items():
                    row.add_error(field if field in row.fields else None, messages)

    def errors(self) -> list[dict[str, Any]]:
        """Every error of the grid, named by row and field, for the summary above it."""
        found = []
        for row in self.rows:
            for field, messages in row.errors.items():
                bound = row[field] if field in row.fields else None
                for message in messages:
                    found.append(
                        {
                            "name": str(row.invitation.actor),
                            "field": bound.label if bound is not None else "",
                            "anchor": bound.auto_id if bound is not None else row.prefix,
                            "message": message,
                        }
                    )
        return found


def _stale_row_message(invitation: Invitation) -> str:
    """What someone else recorded meanwhile (the row shows what was typed instead)."""
    recorded = invitation.get_attendance_display()
    if invitation.duration_minutes is not None:
        recorded = _("%(attendance)s, %(minutes)s minutes") % {
            "attendance": recorded,
            "minutes": invitation.duration_minutes,
        }
    return _(
        "Someone else recorded this row meanwhile (%(recorded)s). What you chose is kept: "
        "save again to replace it."
    ) % {"recorded": recorded}


class ActionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Action) -> str:
        what = obj.what if len(obj.what) <= 80 else obj.what[:79] + "…"
        return f"{what} — {obj.owner}"


class DecisionForm(forms.Form):
    what = _text(_("What"), rows=2, required=True, help_text=_("What will be done."))
    owner = ActorChoiceField(
        label=_("Who does it"),
        queryset=Actor.objects.none(),
        help_text=_("A current actor of the network: the person, a worker, a service…"),
    )
    due_on = forms.DateField(label=_("When (due date)"), required=False, widget=DateInput())
    how = _text(_("How"), rows=2)
    with_whom = forms.CharField(
        label=_("With whom"),
        max_length=ConferenceDecision._meta.get_field("with_whom").max_length,
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=Category.choices,
        initial=Category.PLAN,
        help_text=_("Only participants the person shares this category with will read it."),
    )
    action = ActionChoiceField(
        label=_("About an action of the plan"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("no: create a new action"),
        help_text=_("Choose the action this decision changes; otherwise a new one is planned."),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("none"),
    )

    def __init__(
        self,
        *args: Any,
        actors: QuerySet[Actor],
        actions: QuerySet[Action],
        agenda: QuerySet[AgendaItem],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "decision-%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = actors
        self.fields["action"].queryset = actions
        self.fields["agenda_item"].queryset = agenda

    def decision_data(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            what=data["what"],
            owner=data["owner"],
            due_on=data["due_on"],
            how=data["how"],
            with_whom=data["with_whom"],
            category=data["category"],
            action=data["action"],
            agenda_item=data["agenda_item"],
        )


class EvaluationForm(forms.Form):
    evaluation = forms.ChoiceField(
        label=_("Evaluation"),
        choices=[
            (value, label)
            for value, label in ConferenceDecision.Evaluation.choices
            if value in EVALUATIONS
        ],
        widget=forms.RadioSelect,
    )
    comment = _text(_("Comment"), rows=2)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, decision: ConferenceDecision, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", _ids("evaluation", decision.pk))
        kwargs.setdefault(
            "initial",
            {
                "evaluation": decision.evaluation or None,
                "comment": decision.evaluation_comment,
                "version": decision.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.decision = decision

    def evaluation_data(self) -> EvaluationData:
        data = self.cleaned_data
        return EvaluationData(evaluation=data["evaluation"], comment=data["comment"])


class HoldForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RecipientForm(forms.Form):
    """Whose version of the minutes to show: a participant, or (empty) the full one."""

    recipient = forms.ModelChoiceField(
        label=_("Version of"),
        queryset=Invitation.objects.none(),
        required=False,
        empty_label=_("the case manager (full version)"),
    )

    def __init__(self, *args: Any, invitations: QuerySet[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = invitations
