"""The parts of the case file, shown as tabs on every one of its pages."""

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The parts of the case file, in the order of the work (url name, label).
PARTS = (
    ("cases:detail", _("Overview")),
    ("consent:list", _("Consent")),
    ("assessments:list", _("Assessment")),
    ("network:list", _("Network")),
    ("plans:plan", _("Goals and plan")),
    ("plans:crisis", _("Crisis plan")),
    ("cases:journal", _("Journal")),
    ("conferences:case_list", _("Conferences")),
    ("orientation:case", _("Orientations")),
    ("cases:timeline", _("Timeline")),
)


def case_tabs(case_id: UUID, current: str) -> list[dict[str, Any]]:
    """Links to the parts of the case file, the current one (a url name of PARTS) marked."""
    if current not in dict(PARTS):
        raise ValueError(f"No case-file tab is named {current!r}.")
    return [
        {
            "url": reverse(name, kwargs={"case_id": case_id}),
            "label": label,
            "current": name == current,
        }
        for name, label in PARTS
    ]
