"""The demo partner: in three networks with different scopes, owning an action, with TOTP."""

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.categories import Category
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.network.models import Actor
from maillage.partners.demo import seed_partner
from maillage.testing import MaillageTestCase

from .base import open_case


class DemoPartnerTests(MaillageTestCase):
    def test_the_partner_joins_three_networks_with_different_scopes(self):
        cases = [open_case(self, family_name=f"Demo{i}") for i in range(4)]
        for case in cases:
            Actor.objects.create(case=case, kind="formal", name="Dr Existing")
        self.pat.email = "pat@cpas.example.org"
        self.pat.save()
        actors = seed_partner({"partner": self.pat}, today=timezone.localdate())
        self.assertEqual(len(actors), 3)
        scopes = [shared_categories(consent_in_force(a.case), a) for a in actors]
        self.assertNotIn(Category.MENTAL_HEALTH, scopes[0])
        self.assertNotIn(Category.SUBSTANCE_USE, scopes[0])
        self.assertIn(Category.MENTAL_HEALTH, scopes[1])
        self.assertNotIn(Category.SUBSTANCE_USE, scopes[1])
        self.assertEqual(scopes[2], {Category.HOUSING, Category.INCOME})
        self.assertEqual(actors[0].owned_actions.count(), 1)
        self.assertTrue(TOTPDevice.objects.filter(user=self.pat, confirmed=True).exists())
        self.login(self.pat)
        self.assertEqual(self.client.get(f"/partner/cases/{actors[2].case_id}/").status_code, 200)
