"""What plans hold about a person, for the export and the erasure
(maillage/personal_data.py): goals, actions, and every version of the crisis plan
with whom to call."""

from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import DELETE, REDACT, Entry, register

register(
    case_part(
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
        position=130,
    ),
    case_part(
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
        position=140,
    ),
    case_part(
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
        position=150,
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
        position=160,
    ),
)
