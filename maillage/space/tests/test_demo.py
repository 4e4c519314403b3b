"""The demo gives one person of cm1's cases a personal space (`personne`)."""

from django.test import TestCase

from maillage.access.own import access_log
from maillage.demo import generator
from maillage.demo.management.commands.demo_logins import logins_text
from maillage.space.models import ConsentWish, SpaceAccount


class DemoSpaceTests(TestCase):
    def test_the_demo_person_signs_in_to_their_space(self):
        generator.seed(persons=30)
        account = SpaceAccount.objects.get(user__username="personne")
        self.assertTrue(account.user.check_password(generator.DEMO_PASSWORD))
        case = account.person.cases.get(workers__user__username="cm1")
        self.assertEqual(ConsentWish.objects.get().case, case)
        self.assertEqual(access_log(account.person).count(), 2)
        self.assertTrue(account.user.is_person_account)  # no name in the audit trail
        self.client.force_login(account.user)
        self.assertRedirects(self.client.get("/"), "/space/")
        home = self.client.get("/space/")
        self.assertContains(home, account.person.given_name)
        self.assertTrue(case.team.phone)  # "call the team" gives its number
        self.assertContains(home, f'href="tel:{case.team.phone.replace(" ", "")}"')
        self.assertIn("personne", logins_text())
