"""A Brusano case with a consent that shares housing (not mental health) with the CPAS,
an assessment saying something about both, and a directory service to orient to."""

import re
from typing import Any

from django.core import mail

from maillage.assessments import actions as assessment_actions
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.consent import actions as consent_actions
from maillage.network.models import Actor
from maillage.orientation import actions
from maillage.orientation.models import Referral
from maillage.testing import MaillageTestCase, make_person

from .fixtures import make_service

HOUSING_NEED = "Cherche un logement accessible en fauteuil"
MENTAL_SECRET = "Hallucinations depuis mars"
LINK = re.compile(r"https?://\S+/orientation/answer/([\w-]+)/")


class OrientationTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.camille.email = "camille@brusano.example.org"
        cls.camille.save()
        cls.person = make_person(
            given_name="Rosalie", family_name="Vandamme", phone="0470 11 22 33"
        )
        accepted = cls.record(cls.brusano, cls.ines, cls.person)
        casefile_actions.answer_request(
            accepted, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=accepted)
        cpas = Actor.objects.create(
            case=cls.case, kind=Actor.Kind.FORMAL, name="Sophie Dubois", organisation="CPAS"
        )
        consent_actions.record_consent(
            cls.case, by=cls.camille, status="given", method="oral", shares=[(cpas.pk, ["housing"])]
        )
        assessment_actions.record_assessment(
            cls.case,
            by=cls.camille,
            domains=[
                assessment_actions.DomainData("housing", needs=HOUSING_NEED),
                assessment_actions.DomainData("mental_health", needs=MENTAL_SECRET),
            ],
        )
        cls.open_request = cls.record(
            cls.brusano, cls.ines, make_person(given_name="Omar", family_name="Berrada")
        )
        cls.service = make_service()

    def refer(self, **fields: Any) -> Referral:
        values = {
            "by": self.camille,
            "case": self.case,
            "service": self.service,
            "need": "Un logement adapté",
            "reason": "Service spécialisé",
            "life_domain": "housing",
            "categories": ["identity", "housing"],
            "person_agreed": True,
            **fields,
        }
        with self.captureOnCommitCallbacks(execute=True):  # emails leave after commit
            return actions.refer(**values)

    def token_from(self, message: Any) -> str:
        found = LINK.search(message.body)
        assert found is not None, message.body
        return found.group(1)

    def last_token(self) -> str:
        return self.token_from(mail.outbox[-1])
