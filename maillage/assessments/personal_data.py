"""What assessments hold about a person, for the export and the erasure
(maillage/personal_data.py): each assessment and its life domains; erasure empties
the texts and keeps the domains' severities (aggregates)."""

from django.utils.translation import gettext_lazy as _

from maillage.cases.personal_data import case_part
from maillage.personal_data import Entry, register

register(
    case_part(
        "assessments",
        "assessments.Assessment",
        ("assessed_on", "summary", "assessed_by", "created_at", "updated_at"),
        _("Assessments"),
        {"summary": ""},
        position=100,
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
        position=110,
    ),
)
