"""Property: whatever the consent scope, no text of a withheld category reaches the
partner through any partner page or endpoint (HTML, JSON, minutes); and a dedicated
matrix of every partner URL and API operation × a few scopes."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from maillage.api.tests.base import issue_tokens
from maillage.categories import Category
from maillage.testing import Personas

from .base import ALL_CATEGORIES, markers_of, open_case, partner_actor, seed_file, share

CATEGORIES = sorted(Category.values)


def partner_urls(case, conference, action) -> dict[str, str]:
    return {
        "home": reverse("partners:home"),
        "case": reverse("partners:case", kwargs={"case_id": case.pk}),
        "journal form": reverse("partners:journal_new", kwargs={"case_id": case.pk}),
        "action": reverse("partners:action", kwargs={"action_id": action.pk}),
        "minutes": reverse("partners:minutes", kwargs={"conference_id": conference.pk}),
    }


def api_paths(case, conference) -> dict[str, str]:
    return {
        "api cases": "/api/v1/partner/cases",
        "api case": f"/api/v1/partner/cases/{case.pk}",
        "api journal": f"/api/v1/partner/cases/{case.pk}/journal",
        "api minutes": f"/api/v1/partner/conferences/{conference.pk}/minutes",
    }


class ScopeBase(Personas):
    @classmethod
    def build(cls) -> None:
        cls.build_cast()
        cls.case = open_case(cls)
        cls.actor = partner_actor(cls.case, cls.pat)
        cls.conference = seed_file(cls.case, cls.camille, cls.actor)
        cls.tokens = issue_tokens(cls)

    def read_everything(self) -> dict[str, tuple[int, str]]:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        self.client.force_login(self.pat)
        device, _ = TOTPDevice.objects.get_or_create(user=self.pat, name="t", confirmed=True)
        session = self.client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        action = self.case.actions.filter(owner=self.actor, category="plan").get()
        found = {}
        for name, url in partner_urls(self.case, self.conference, action).items():
            response = self.client.get(url)
            found[name] = (response.status_code, response.content.decode())
        auth = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens['pat']}"}
        for name, path in api_paths(self.case, self.conference).items():
            response = self.client.get(path, **auth)
            found[name] = (response.status_code, response.content.decode())
        return found


class RandomScopeTests(ScopeBase, HypothesisTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.build()

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(scope=st.frozensets(st.sampled_from(CATEGORIES)), withdraw=st.booleans())
    def test_a_withheld_category_is_never_read(self, scope, withdraw):
        share(self.case, self.camille, {self.actor: scope})
        if withdraw:
            from maillage.consent import actions as consent_actions

            consent_actions.withdraw_consent(self.case, by=self.camille, reason="")
        readable = frozenset() if withdraw else scope
        for name, (status, content) in self.read_everything().items():
            for category in ALL_CATEGORIES - readable:
                for text in markers_of(category):
                    self.assertNotIn(text, content, (name, sorted(scope), withdraw, status))
            if not readable and name not in ("home", "api cases"):
                self.assertEqual(status, 404, name)


class ScopeMatrixTests(ScopeBase, HypothesisTestCase):
    """Every partner URL and API operation × chosen scopes: what is shared is there."""

    SCOPES = {
        "everything": ALL_CATEGORIES,
        "no health secrets": ALL_CATEGORIES - {"mental_health", "substance_use"},
        "everything but substance use": ALL_CATEGORIES - {"substance_use"},
        "housing only": frozenset({"housing"}),
        "plan only": frozenset({"plan"}),
    }

    @classmethod
    def setUpTestData(cls) -> None:
        cls.build()

    def test_each_scope_on_each_url(self):
        # The action page needs the action's category ("plan") to be shared.
        for label, scope in self.SCOPES.items():
            share(self.case, self.camille, {self.actor: scope})
            found = self.read_everything()
            for name, (status, content) in found.items():
                expected = 404 if name == "action" and "plan" not in scope else 200
                self.assertEqual(status, expected, (label, name))
                for category in ALL_CATEGORIES - scope:
                    for text in markers_of(category):
                        self.assertNotIn(text, content, (label, name))
            whole = found["case"][1] + found["api case"][1]
            for category in scope:
                self.assertIn(markers_of(category)[0], whole, (label, category))
