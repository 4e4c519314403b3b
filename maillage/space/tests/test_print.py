"""The case manager prints the person's space for someone who does not use a screen."""

from maillage import audit
from maillage.plans.models import CrisisPlan

from .base import PURPOSE, SpaceTestCase


class PrintTests(SpaceTestCase):
    def test_the_print_holds_the_same_content_as_the_persons_pages(self):
        CrisisPlan.objects.create(
            case=self.case, version=1, what_helps="Marcher au parc", created_by=self.camille
        )
        audit.record(self.lea, "case.viewed", person=self.person, case=self.case, purpose=PURPOSE)
        client = self.login(self.camille)
        response = client.get(f"/cases/{self.case.pk}/space/print/")
        for text in ("Un toit à moi", "Marcher au parc", PURPOSE, str(self.lea)):
            self.assertContains(response, text)
        own = self.login(self.paul, self.client_class())
        self.assertContains(own.get(f"/space/{self.case.pk}/crisis/"), "Marcher au parc")
        self.assertContains(own.get(f"/space/{self.case.pk}/goals/"), "Un toit à moi")
        pdf = client.get(f"/cases/{self.case.pk}/space/print.pdf")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    def test_the_conference_organiser_may_not_print_it(self):
        response = self.login(self.olivier).get(f"/cases/{self.case.pk}/space/print/")
        self.assertEqual(response.status_code, 403)

    def test_the_case_page_links_to_the_space(self):
        response = self.login(self.camille).get(f"/cases/{self.case.pk}/")
        self.assertContains(response, f"/cases/{self.case.pk}/space/")
        page = self.login(self.camille).get(f"/cases/{self.case.pk}/space/")
        self.assertContains(page, "paul")
