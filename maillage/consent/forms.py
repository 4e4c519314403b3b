"""Input validation for the consent pages; the rules themselves are in the actions."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from maillage.categories import Category
from maillage.network.models import Actor

from . import presets
from .actions import ShareInput
from .models import Consent

SHARE_PREFIX = "share_"
ROW_PREFIX = "all_actor_"
COLUMN_PREFIX = "all_category_"


def _capitalised(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(code, capfirst(label)) for code, label in choices]


class ConsentForm(forms.Form):
    """A new consent record, and its scope as one grid: actors × information categories.

    Each cell is a checkbox `share_<actor id>` of value `<category>`. A whole row
    (`all_actor_<actor id>`) or a whole column (`all_category_<category>`) ticked means
    all of it: that works without JavaScript, which only keeps the boxes in step. The
    page always shows them unticked (the script ticks them when all their boxes are), so
    that without the script, unticking one box of a full row is not undone on saving.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=_capitalised(Consent.Status.choices),
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label=_("How it was obtained"),
        choices=[("", "—"), *_capitalised(Consent.Method.choices)],
        required=False,
        help_text=_("Needed when the consent was given, by the person or their representative."),
    )
    decided_by = forms.CharField(
        label=_("Who decided"),
        max_length=200,
        required=False,
        help_text=_(
            "Needed when a legal representative decided or the interest of the child "
            "prevails: name and role."
        ),
    )
    justification = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed with who decided; for a withdrawal, the reason if it was given."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, data: Any = None, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        if data is not None:
            data = with_whole_rows_and_columns(data, actors)
        super().__init__(data, *args, **kwargs)
        self.actors = actors
        for actor in actors:
            self.fields[f"{SHARE_PREFIX}{actor.pk}"] = forms.MultipleChoiceField(
                label=str(actor),
                choices=_capitalised(Category.choices),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    @classmethod
    def initial_from(cls, consent: Consent | None, *, version: int) -> dict[str, Any]:
        """Start from the consent in force, when it allows sharing: re-recording is quick."""
        initial: dict[str, Any] = {"version": version}
        if consent is None or not consent.allows_sharing:
            return initial
        initial.update(
            status=consent.status,
            method=consent.method,
            decided_by=consent.decided_by,
            justification=consent.justification,
            notes=consent.notes,
        )
        for share in consent.shares.all():
            initial[f"{SHARE_PREFIX}{share.actor_id}"] = list(share.categories)
        return initial

    @classmethod
    def initial_with_preset(
        cls, data: Any, preset: presets.Preset, *, actors: list[Actor]
    ) -> dict[str, Any]:
        """What the user typed, with the grid filled in by `preset` (without JavaScript,
        a preset button sends the form: it is shown again, filled in, nothing recorded)."""
        names = ("version", "status", "method", "decided_by", "justification", "notes")
        initial: dict[str, Any] = {name: data.get(name, "") for name in names}
        for actor in actors:
            initial[f"{SHARE_PREFIX}{actor.pk}"] = preset.categories(actor)
        return initial

    def shares(self) -> list[ShareInput]:
        return [
            (actor.pk, self.cleaned_data[f"{SHARE_PREFIX}{actor.pk}"])
            for actor in self.actors
            if self.cleaned_data.get(f"{SHARE_PREFIX}{actor.pk}")
        ]

    def grid(self) -> "Grid":
        return Grid.of(self)


def with_whole_rows_and_columns(data: Any, actors: list[Actor]) -> Any:
    """The submitted data with each whole row or column ticked spelled out, box by box."""
    data = data.copy()
    every = {code for code in Category.values if data.get(f"{COLUMN_PREFIX}{code}")}
    for actor in actors:
        name = f"{SHARE_PREFIX}{actor.pk}"
        sent = data.getlist(name)
        chosen = set(sent) | every
        if data.get(f"{ROW_PREFIX}{actor.pk}"):
            chosen |= set(Category.values)
        unknown = [value for value in sent if value not in Category.values]
        data.setlist(name, [code for code in Category.values if code in chosen] + unknown)
    return data


@dataclass
class Cell:
    """One checkbox of the grid, with its own label for assistive technology."""

    id: str
    name: str
    value: str
    label: str
    checked: bool
    presets: str = ""
    # For the page's script: "cell", "row" (a whole row) or "column" (a whole column),
    # and the actor id (row) and category (column) it belongs to.
    kind: str = "cell"
    row: str = ""
    column: str = ""


@dataclass
class Row:
    actor: Actor
    cells: list[Cell]
    whole: Cell
    errors: list[str]


@dataclass
class Grid:
    groups: list[tuple[str, int]]
    columns: list[tuple[str, str]]
    whole_columns: list[Cell]
    rows: list[Row]

    @classmethod
    def of(cls, form: ConsentForm) -> "Grid":
        columns = [(code, str(capfirst(label))) for code, label in Category.choices]
        rows = [_row(form, actor, columns) for actor in form.actors]
        whole_columns = [
            Cell(
                id=f"id_{COLUMN_PREFIX}{code}",
                name=f"{COLUMN_PREFIX}{code}",
                value="on",
                label=gettext("Every actor: %(category)s") % {"category": label},
                checked=False,
                kind="column",
                column=code,
            )
            for code, label in columns
        ]
        groups = [(str(group.label), len(group.categories)) for group in presets.GROUPS]
        return cls(groups, columns, whole_columns, rows)


def _row(form: ConsentForm, actor: Actor, columns: list[tuple[str, str]]) -> Row:
    field = form[f"{SHARE_PREFIX}{actor.pk}"]
    chosen = set(field.value() or [])
    cells = [
        Cell(
            id=f"id_{SHARE_PREFIX}{actor.pk}_{code}",
            name=field.html_name,
            value=code,
            label=f"{actor.name}: {label}",
            checked=code in chosen,
            presets=" ".join(presets.presets_including(actor, code)),
            row=str(actor.pk),
            column=code,
        )
        for code, label in columns
    ]
    whole = Cell(
        id=f"id_{ROW_PREFIX}{actor.pk}",
        name=f"{ROW_PREFIX}{actor.pk}",
        value="on",
        label=gettext("Everything for %(name)s") % {"name": actor.name},
        checked=False,
        kind="row",
        row=str(actor.pk),
    )
    return Row(actor, cells, whole, list(field.errors))


class ShareWithForm(forms.Form):
    """What one actor may receive, recorded as a new version of the consent in force."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    back = forms.CharField(widget=forms.HiddenInput, required=False)
    categories = forms.MultipleChoiceField(
        label=_("What they may receive"),
        choices=_capitalised(Category.choices),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    method = forms.ChoiceField(
        label=_("How the person agreed"),
        choices=[("", "—"), *_capitalised(Consent.Method.choices)],
        required=False,
        help_text=_("As for the consent in force, unless the person agreed otherwise today."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For instance what the person said about this actor."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    @classmethod
    def initial_for(cls, consent: Consent | None, actor: Actor, *, version: int) -> dict[str, Any]:
        """Start from what the consent in force gives this actor (usually nothing yet)."""
        initial: dict[str, Any] = {"version": version, "categories": []}
        if consent is None or not consent.allows_sharing:
            return initial
        initial["method"] = consent.method
        for share in consent.shares.all():
            if share.actor_id == actor.pk:
                initial["categories"] = list(share.categories)
        return initial

    @classmethod
    def initial_with_preset(cls, data: Any, preset: presets.Preset, actor: Actor) -> dict[str, Any]:
        """What the user typed, with the categories ticked by `preset` (no JavaScript)."""
        initial = {name: data.get(name, "") for name in ("version", "method", "notes")}
        return {**initial, "categories": preset.categories(actor)}

    def groups(self) -> list[tuple[str, list[Cell]]]:
        """The categories in their groups, each a checkbox that presets may tick."""
        field = self["categories"]
        chosen = set(field.value() or [])
        labels = dict(Category.choices)
        return [
            (
                str(group.label),
                [
                    Cell(
                        id=f"id_categories_{code}",
                        name=field.html_name,
                        value=code,
                        label=str(capfirst(labels[code])),
                        checked=code in chosen,
                        presets=" ".join(presets.presets_including(self.actor, code)),
                        column=code,
                    )
                    for code in group.categories
                ],
            )
            for group in presets.GROUPS
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=2000,
        required=False,
        help_text=_("In the person's words, if they gave one."),
    )
