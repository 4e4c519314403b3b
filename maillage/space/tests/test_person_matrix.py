"""The access matrices extended to a person persona (paul, with a personal space): their
own pages open; pages open to everyone answer as to someone with no role (zoe); every
page and every API operation made for professionals answers 404 (pages) or 403 (API),
whatever the data."""

import json

from django.urls import resolve, reverse

from maillage.access.tests import test_api_matrix as central_api
from maillage.access.tests import test_page_matrix as central
from maillage.access.tests.matrix import FORBIDDEN, NOT_FOUND, OK
from maillage.accounts.actions import issue_token
from maillage.audit.models import AuditEvent

from .base import SpaceTestCase, accepted_case, open_space

OWN_PAGES = {
    "space:home": "",
    "space:access_log": "",
    "space:export": "",
    "space:goals": "case",
    "space:plan": "case",
    "space:crisis": "case",
    "space:network": "case",
    "space:sharing": "case",
    "space:wish": "case",
}


# Their own sign-in settings (language, second factor, sign-out).
ACCOUNT_PAGES = {
    "accounts:logout",
    "accounts:language",
    "accounts:security",
    "accounts:verify",
    "accounts:setup_2fa",
    "accounts:remove_2fa",
}


class PersonMatrixTests(SpaceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The central matrix's own fixtures, built the same way.
        cls.louis = central.make_person(given_name="Louis", family_name="Secretname")
        cls.open_request = cls.record(cls.brusano, cls.ines, cls.louis)
        cls.stranger_case = accepted_case(cls)
        cls.stranger = open_space(cls.stranger_case, username="stranger")

    def url(self, name, key):
        return central.PageMatrixTests.url_for(self, name, key)

    def test_the_person_reads_each_of_their_own_pages(self):
        client = self.login(self.paul)
        for name, key in OWN_PAGES.items():
            kwargs = {"case_id": self.case.pk} if key else {}
            response = client.get(reverse(name, kwargs=kwargs))
            self.assertEqual(response.status_code, OK, name)
        reads = AuditEvent.objects.filter(actor_id=self.paul.pk, verb="space.viewed")
        self.assertEqual(reads.count(), len(OWN_PAGES))
        self.assertFalse(AuditEvent.objects.filter(actor_id=self.paul.pk, verb="case.viewed"))

    def test_another_persons_case_is_not_found(self):
        client = self.login(self.stranger)
        for name, key in OWN_PAGES.items():
            if key:
                url = reverse(name, kwargs={"case_id": self.case.pk})
                self.assertEqual(client.get(url).status_code, 404, name)
        self.assertNotContains(client.get("/space/"), "Un toit à moi")

    def test_no_professional_page_answers_the_persons_account(self):
        failures = []
        for name, (method, key, expected, _anonymous) in central.MATRIX.items():
            if name in OWN_PAGES or name in {"space:export_json", "space:export_pdf"}:
                continue
            if name in ACCOUNT_PAGES or name == "ui:home":
                continue  # their own sign-in settings; the home page: tested below
            url = self.url(name, key)
            public = getattr(resolve(url).func, "login_required", True) is False
            client = self.login(self.paul, self.client_class())
            status = getattr(client, method)(url).status_code
            # Open to everyone: as to someone without a role, or as to an anonymous
            # visitor (the directory, published or not, is for professionals).
            want = {expected.get("zoe"), _anonymous} if public else {NOT_FOUND}
            if status not in want:
                failures.append(f"{name}: {status} not in {want}")
        self.assertEqual(failures, [])

    def test_no_professional_endpoint_answers_the_persons_token(self):
        token = issue_token(self.paul, "probe")
        client = self.client_class(headers={"Authorization": f"Bearer {token}"})
        failures = []
        for method, path in sorted(central_api.documented_operations()):
            url = path
            for parameter in ("case_id", "request_id", "person_id"):
                url = url.replace("{" + parameter + "}", str(self.case.pk))
            url = url.replace("{", "").replace("}", "")  # any other id: a malformed one
            if method == "get":
                response = client.get(url)
            else:
                body = json.dumps({})
                response = getattr(client, method)(url, body, content_type="application/json")
            if response.status_code != FORBIDDEN:
                failures.append(f"{method} {path}: {response.status_code}")
            if b"Personne" in response.content:
                failures.append(f"{method} {path} leaked the person's name")
        self.assertEqual(failures, [])

    def test_the_home_page_leads_the_person_to_their_space(self):
        client = self.login(self.paul)
        self.assertRedirects(client.get(reverse("ui:home")), reverse("space:home"))

    def test_the_case_manager_closes_the_sign_in_from_the_case(self):
        account = self.paul.space_account
        url = reverse(
            "space:end_account", kwargs={"case_id": self.case.pk, "account_id": account.pk}
        )
        manage = reverse("space:manage", kwargs={"case_id": self.case.pk})
        camille = self.login(self.camille)
        self.assertContains(camille.get(manage), url)
        self.assertRedirects(camille.post(url), manage)
        account.refresh_from_db()
        self.paul.refresh_from_db()
        self.assertIsNotNone(account.ended_at)
        self.assertFalse(self.paul.is_active)
        self.assertNotContains(camille.get(manage), url)
        self.assertRedirects(camille.post(url), manage)  # a second click changes nothing
        self.assertEqual(AuditEvent.objects.filter(verb="space.ended").count(), 1)

    def test_an_ended_account_opens_nothing(self):
        from maillage.space import actions

        actions.end_account(self.paul.space_account, by=self.camille)
        self.paul.refresh_from_db()
        self.assertFalse(self.paul.is_active)
        client = self.client_class()
        client.force_login(self.paul)
        self.assertNotEqual(client.get("/space/").status_code, OK)


class OwnExportTests(SpaceTestCase):
    def test_the_person_downloads_everything_held_about_them(self):
        client = self.login(self.paul)
        response = client.get("/space/export.json")
        self.assertEqual(response.status_code, OK)
        self.assertIn(str(self.person.pk), response.content.decode())
        self.assertNotIn("Ailleurs", response.content.decode())
        pdf = client.get("/space/export.pdf")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
