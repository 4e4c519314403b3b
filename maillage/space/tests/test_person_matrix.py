"""The access matrix extended to a person persona (paul, with a personal space): their
own pages open, everything else answers exactly as to someone with no role (zoe)."""

from django.urls import reverse

from maillage.access.tests import test_page_matrix as central
from maillage.access.tests.matrix import OK
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

    def test_everything_else_answers_as_to_someone_without_a_role(self):
        failures = []
        for name, (method, key, expected, _anonymous) in central.MATRIX.items():
            if name in OWN_PAGES or name in {"space:export_json", "space:export_pdf"}:
                continue
            if name == "ui:home":
                continue  # the person's home is their space: tested below
            if "zoe" not in expected:
                continue
            url = self.url(name, key)
            client = self.login(self.paul, self.client_class())
            status = getattr(client, method)(url).status_code
            if status != expected["zoe"]:
                failures.append(f"{name}: {status} != {expected['zoe']}")
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
