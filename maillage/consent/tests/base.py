"""A Brusano case held by camille and noor, with a network to share with."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.consent import actions
from maillage.consent.models import Consent
from maillage.network.models import Actor
from maillage.testing import MaillageTestCase, make_person

GP = ["physical_health", "mental_health", "plan", "crisis_plan"]
CPAS = ["housing", "income", "administrative", "plan"]  # in the order of Category


def open_case(cast: Any, family_name: str = "Lambert") -> Case:
    support_request = cast.record(cast.brusano, cast.ines, make_person(family_name=family_name))
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    return Case.objects.get(support_request=support_request)


def add_actor(case: Case, name: str, kind: str = Actor.Kind.FORMAL, **fields: Any) -> Actor:
    return Actor.objects.create(case=case, kind=kind, name=name, **fields)


class ConsentTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = open_case(cls)
        cls.gp = add_actor(
            cls.case,
            "Dr Claire Dubois",
            organisation="Maison médicale du Midi",
            sector="general_practice",
            role="médecin traitant",
        )
        cls.cpas = add_actor(
            cls.case, "Karim Benali", organisation="CPAS de Saint-Gilles", sector="social"
        )
        cls.sister = add_actor(
            cls.case, "Sophie Lambert", kind=Actor.Kind.INFORMAL, relation="family"
        )
        cls.gone = add_actor(
            cls.case, "Ancien kiné", ended_on=timezone.localdate() - timedelta(days=3)
        )
        cls.person_actor = cls.case.actors.get(kind=Actor.Kind.PERSON)
        cls.worker_actor = cls.case.actors.filter(kind=Actor.Kind.WORKER).first()
        cls.other_case = open_case(cls, "Autre")
        cls.stranger = add_actor(cls.other_case, "Dr Other", sector="general_practice")

    def give(self, shares: Any = None, **fields: Any) -> Consent:
        """Record a consent given orally, shared with the GP and the CPAS unless told."""
        fields.setdefault("status", Consent.Status.GIVEN)
        fields.setdefault("method", Consent.Method.ORAL)
        if shares is None:
            shares = [(self.gp.pk, GP), (self.cpas.pk, CPAS)]
        return actions.record_consent(self.case, by=self.camille, shares=shares, **fields)

    def close(self, case: Case) -> None:
        Case.objects.filter(pk=case.pk).update(phase=Case.Phase.CLOSED, closed_at=timezone.now())
