"""A Brusano case held by camille and noor, its person with a personal space (paul), and
a case of another Brusano team that lea (team lead) does not see without a purpose."""

from typing import Any

from maillage.accounts.models import Team
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case, CaseWorker
from maillage.plans.models import Goal
from maillage.space import actions
from maillage.testing import PASSWORD, MaillageTestCase, make_person

PURPOSE = "Urgence signalée par la police, vérifier le plan de crise"


def accepted_case(cast: Any, person: Any = None) -> Case:
    support_request = cast.record(cast.brusano, cast.ines, person or make_person())
    casefile_actions.answer_request(
        support_request, by=cast.ines, kind="accept", case_workers=[cast.camille, cast.noor]
    )
    return Case.objects.get(support_request=support_request)


def open_space(case: Case, username: str = "paul", **invite: Any) -> Any:
    """Invite through the real action and activate with the printed code."""
    issued = actions.invite(case, by=case.workers.first().user, **invite)
    account = actions.activate(
        issued.invitation, username=username, password=PASSWORD, language="fr"
    )
    return account.user


class SpaceTestCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person(given_name="Paul", family_name="Personne", language="fr")
        cls.case = accepted_case(cls, cls.person)
        Goal.objects.create(case=cls.case, own_words="Un toit à moi", created_by=cls.camille)
        cls.paul = open_space(cls.case)
        # A case of another team of Brusano's organisation: outside lea's caseload.
        cls.other_team = Team.objects.create(organisation=cls.brusano_org, name="Équipe mobile")
        cls.other_case = accepted_case(cls, make_person(family_name="Ailleurs"))
        Case.objects.filter(pk=cls.other_case.pk).update(team=cls.other_team)
        CaseWorker.objects.filter(case=cls.other_case).update(team=cls.other_team)
        cls.other_case.refresh_from_db()
