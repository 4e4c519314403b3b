"""Input validation for the plan pages: goals, actions, the crisis plan."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maillage.categories import Category, LifeDomain
from maillage.network.models import Actor
from maillage.ui.widgets import DateInput

from .actions import MAX_CONTACTS, ActionData, ContactData, GoalData
from .models import Action, CrisisContact, CrisisPlan, Goal
from .queries import ACTION_FILTERS


def _text(label: Any, rows: int = 3, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def life_domain_choices(first: list[str]) -> list[tuple[str, str]]:
    """Every life domain, the programme's own first."""
    labels = dict(LifeDomain.choices)
    rest = [value for value in LifeDomain.values if value not in first]
    return [(value, labels[value]) for value in [*first, *rest] if value in labels]


class ActorChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Actor) -> str:
        return actor_label(obj)


class ActorsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Actor) -> str:
        return actor_label(obj)


def actor_label(actor: Actor) -> str:
    """ "Louis Lambert — the person", "Dr Peeters (Maison médicale) — GP"."""
    detail = actor.role or actor.profession or actor.get_kind_display()
    return f"{actor} — {detail}"


class GoalForm(forms.Form):
    own_words = _text(
        _("The goal in the person's own words"),
        required=True,
        help_text=_("Write it as the person says it, in the first person."),
    )
    reformulation = _text(_("Professional reformulation"), rows=2)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Goal.Priority.choices, coerce=int, initial=Goal.Priority.MEDIUM
    )
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    life_domains = forms.MultipleChoiceField(
        label=_("Life domains it serves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The programme's domains come first."),
    )
    category = forms.ChoiceField(
        label=_("Information category"), choices=Category.choices, initial=Category.PLAN
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, domains: list[str], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["life_domains"].choices = life_domain_choices(domains)
        self.fields["version"].required = editing

    @classmethod
    def initial_from(cls, goal: Goal) -> dict[str, Any]:
        return {
            "own_words": goal.own_words,
            "reformulation": goal.reformulation,
            "priority": goal.priority,
            "status": goal.status,
            "life_domains": goal.life_domains,
            "category": goal.category,
            "version": goal.version,
        }

    def goal_data(self) -> GoalData:
        data = self.cleaned_data
        return GoalData(
            own_words=data["own_words"],
            reformulation=data["reformulation"],
            priority=data["priority"],
            status=data["status"],
            life_domains=list(data["life_domains"]),
            category=data["category"],
        )


class ActionForm(forms.Form):
    what = _text(_("What"), rows=2, required=True, help_text=_("What will be done."))
    owner = ActorChoiceField(
        label=_("Who does it"),
        queryset=Actor.objects.none(),
        help_text=_("One actor of the network: the person, a worker, a relative, a service…"),
    )
    with_actors = ActorsChoiceField(
        label=_("With whom (from the network)"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    with_whom = forms.CharField(
        label=_("With whom (others)"),
        max_length=Action._meta.get_field("with_whom").max_length,
        required=False,
        help_text=_("People or services outside the network map."),
    )
    how = _text(_("How"), rows=2)
    due_on = forms.DateField(label=_("When (due date)"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    goal = forms.ModelChoiceField(
        label=_("Goal it serves"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("no goal"),
    )
    follow_up = _text(_("Follow-up notes"))
    category = forms.ChoiceField(
        label=_("Information category"), choices=Category.choices, initial=Category.PLAN
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        actors: QuerySet[Actor],
        goals: QuerySet[Goal],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = editing
        self.fields["owner"].queryset = actors
        self.fields["with_actors"].queryset = actors
        self.fields["goal"].queryset = goals

    @classmethod
    def initial_from(cls, action: Action) -> dict[str, Any]:
        return {
            "what": action.what,
            "owner": action.owner_id,
            "with_actors": [actor.pk for actor in action.with_actors.all()],
            "with_whom": action.with_whom,
            "how": action.how,
            "due_on": action.due_on,
            "status": action.status,
            "goal": action.goal_id,
            "follow_up": action.follow_up,
            "category": action.category,
            "version": action.version,
        }

    def action_data(self) -> ActionData:
        data = self.cleaned_data
        return ActionData(
            what=data["what"],
            owner=data["owner"],
            with_actors=list(data["with_actors"]),
            with_whom=data["with_whom"],
            how=data["how"],
            due_on=data["due_on"],
            status=data["status"],
            goal=data["goal"],
            follow_up=data["follow_up"],
            category=data["category"],
        )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "")] + [(value, value) for value in ACTION_FILTERS], required=False
    )

    def status_filter(self) -> str:
        return self.cleaned_data["status"] if self.is_valid() else ""


class CrisisPlanForm(forms.Form):
    warning_signs = _text(
        _("Warning signs"), rows=4, help_text=_("How the person and those close notice it starts.")
    )
    triggers = _text(_("Known triggers"), rows=3)
    what_helps = _text(_("What helps"), rows=4)
    what_to_avoid = _text(_("What to avoid"), rows=3)
    preference_treatment = _text(_("Treatment"), rows=2)
    preference_hospital = _text(_("Hospital"), rows=2)
    preference_children = _text(_("Children"), rows=2)
    preference_pets = _text(_("Pets"), rows=2)
    preference_home = _text(
        pgettext_lazy("crisis plan: what the person prefers for", "Home"), rows=2
    )
    preference_money = _text(_("Money"), rows=2)
    agreed_on = forms.DateField(
        label=_("Agreed with the person on"),
        required=False,
        widget=DateInput(),
    )
    present_at_agreement = forms.CharField(
        label=_("Who was present"),
        max_length=CrisisPlan._meta.get_field("present_at_agreement").max_length,
        required=False,
    )
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    SECTIONS = ("warning_signs", "triggers", "what_helps", "what_to_avoid")
    PREFERENCES = (
        "preference_treatment",
        "preference_hospital",
        "preference_children",
        "preference_pets",
        "preference_home",
        "preference_money",
    )

    @classmethod
    def initial_from(cls, plan: CrisisPlan | None) -> dict[str, Any]:
        if plan is None:
            return {"based_on_version": None}
        names = [*cls.SECTIONS, *cls.PREFERENCES, "agreed_on", "present_at_agreement"]
        return {**{name: getattr(plan, name) for name in names}, "based_on_version": plan.version}

    def clean_agreed_on(self) -> Any:
        agreed_on = self.cleaned_data.get("agreed_on")
        if agreed_on and agreed_on > timezone.localdate():
            raise ValidationError(_("The agreement cannot be dated in the future."))
        return agreed_on

    def section_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SECTIONS]

    def preference_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PREFERENCES]

    def sections(self) -> dict[str, Any]:
        names = [*self.SECTIONS, *self.PREFERENCES, "agreed_on", "present_at_agreement"]
        return {name: self.cleaned_data[name] for name in names}


def _max(name: str) -> int | None:
    return CrisisContact._meta.get_field(name).max_length


class CrisisContactForm(forms.Form):
    """One row of "whom to call": an actor of the network, or a name and a number."""

    actor = ActorChoiceField(
        label=_("Network actor"), queryset=Actor.objects.none(), required=False
    )
    name = forms.CharField(label=_("Or a name"), max_length=_max("name"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=_max("phone"),
        required=False,
        help_text=_("Leave empty to use the actor's number."),
    )
    when = forms.CharField(label=_("When to call"), max_length=_max("when"), required=False)

    def __init__(self, *args: Any, actors: QuerySet[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("actor") or not (data.get("name") or data.get("phone") or data.get("when")):
            return data
        if not data.get("name"):
            self.add_error("name", _("Give the name of the person or service to call."))
        if not data.get("phone"):
            self.add_error("phone", _("Give the number to call."))
        return data

    def contact(self) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            actor=data.get("actor"),
            name=data.get("name", ""),
            phone=data.get("phone", ""),
            when=data.get("when", ""),
        )


class BaseContactFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def contacts(self) -> list[ContactData]:
        """The rows in the order given (rows left empty are dropped)."""
        rows = []
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            order = form.cleaned_data.get("ORDER")
            rows.append((order if order is not None else MAX_CONTACTS + index, index, form))
        return [form.contact() for _order, _index, form in sorted(rows, key=lambda r: r[:2])]


ContactFormSet = forms.formset_factory(
    CrisisContactForm,
    formset=BaseContactFormSet,
    extra=2,
    max_num=MAX_CONTACTS,
    validate_max=True,
    can_order=True,
)


def contact_initial(plan: CrisisPlan | None) -> list[dict[str, Any]]:
    """The rows of the current version; an actor who has left becomes a name and number."""
    if plan is None:
        return []
    rows = []
    for contact in plan.contacts.all():
        actor = contact.actor
        if actor is not None and not actor.is_current():
            row = {"name": contact.name or str(actor), "phone": contact.phone or actor.phone}
        else:
            row = {"actor": contact.actor_id, "name": contact.name, "phone": contact.phone}
        rows.append({**row, "when": contact.when, "ORDER": contact.position})
    return rows
