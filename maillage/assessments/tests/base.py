"""A Brusano case held by camille and noor, and quick ways to assess it."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from maillage.assessments import actions
from maillage.assessments.actions import DomainData
from maillage.assessments.models import Assessment
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import MaillageTestCase, Personas


def open_case(cast: type[Personas]) -> Case:
    support_request = cast.record(cast.brusano, cast.ines)
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    support_request.refresh_from_db()
    return support_request.case


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def housing(**fields: Any) -> DomainData:
    defaults = {
        "needs": "Un logement stable.",
        "difficulties": "Arriérés de loyer, avis d'expulsion.",
        "severity": 3,
        "person_priority": 3,
        "readiness": "Prête à rencontrer l'assistante sociale du CPAS.",
        "risks": "Expulsion.",
    }
    return DomainData(domain="housing", **{**defaults, **fields})


def mental_health(**fields: Any) -> DomainData:
    defaults = {"needs": "Reprendre un suivi.", "severity": 2, "risks": "Rupture de soins."}
    return DomainData(domain="mental_health", **{**defaults, **fields})


def form_data(assessed_on: date | None = None, **fields: Any) -> dict[str, Any]:
    """A POST of the assessment form: `housing-severity="2"` style keys for the domains."""
    return {
        "assessed_on": (assessed_on or timezone.localdate()).isoformat(),
        "summary": "Situation complexe, plusieurs domaines touchés.",
        **fields,
    }


class AssessmentTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = open_case(cls)

    def setUp(self) -> None:
        # Pages in English, whatever the machine's default.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def assess(
        self, *domains: DomainData, days: int = 0, case: Case | None = None, **fields: Any
    ) -> Assessment:
        return actions.record_assessment(
            case or self.case,
            by=self.camille,
            assessed_on=days_ago(days),
            domains=list(domains),
            **fields,
        )

    def url(self, suffix: str = "", case: Case | None = None) -> str:
        return f"/cases/{(case or self.case).pk}/assessments/{suffix}"
