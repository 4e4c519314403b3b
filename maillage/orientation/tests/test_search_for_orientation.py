"""The directory search opened to orient a person (`?case=` / `?request=`): services of
the person's commune first, closed services without "Orient here", "Nothing fits" at the
top of the results as well as at the bottom; and the action refuses a closed service."""

import re

from django.core import mail
from django.core.exceptions import ValidationError

from maillage.directory.search import search_services
from maillage.orientation.models import Referral

from .base import OrientationTestCase
from .fixtures import index, make_service

IXELLES = "21009"  # where the test person lives (make_person)
UCCLE = "21016"


class SearchForAPersonTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # By name and by id (ties of rank), Uccle's service would come first; it does not
        # serve Ixelles.
        cls.uccle = make_service("svc-a-uccle", name="Abri Logement Uccle", communes=(UCCLE,))
        cls.region = make_service("svc-region", name="Maison Logement Bruxelles")
        cls.local = make_service("svc-ixelles", name="Zèbre Logement Ixelles", communes=(IXELLES,))
        cls.closed = make_service(
            "svc-closed", name="Logement Fermé", status="temporarily closed", communes=(IXELLES,)
        )
        index(cls.uccle, cls.region, cls.local, cls.closed)
        cls.case.person.refresh_from_db()
        assert cls.case.person.residence == IXELLES

    def names(self, response) -> list[str]:
        return [row["service"].name for row in response.context["rows"]]

    def search(self, params: str, language: str = "en"):
        self.login(self.camille)
        return self.client.get(f"/directory/?{params}", HTTP_ACCEPT_LANGUAGE=language)

    def test_the_services_of_the_persons_commune_come_first_and_the_others_follow(self):
        response = self.search(f"case={self.case.pk}&language=fr")
        self.assertEqual(
            self.names(response),
            ["Maison Logement Bruxelles", "Zèbre Logement Ixelles", "Abri Logement Uccle"],
        )
        self.assertContains(response, "where the person lives, come first")
        self.assertContains(response, "Does not serve Ixelles")
        # Without a person, nothing is ranked by commune.
        plain = self.search("language=fr")
        self.assertEqual(self.names(plain)[0], "Abri Logement Uccle")
        self.assertNotContains(plain, "where the person lives")

    def test_from_a_request_too_and_with_words(self):
        response = self.search(f"request={self.open_request.pk}&q=logement")
        names = self.names(response)
        self.assertEqual(names[-1], "Abri Logement Uccle")
        self.assertEqual(len(names), 3)  # ranked, not hidden (the closed one is filtered)

    def test_a_commune_chosen_in_the_filters_keeps_only_its_services(self):
        response = self.search(f"case={self.case.pk}&language=fr&commune={UCCLE}")
        self.assertEqual(self.names(response), ["Abri Logement Uccle", "Maison Logement Bruxelles"])
        self.assertNotContains(response, "where the person lives")

    def test_the_ranking_hides_nothing(self):
        for query, filters in (("logement", {}), ("", {"language": "fr"})):
            found = [s.pk for s in search_services(query, prefer_commune=IXELLES, **filters)]
            self.assertEqual(set(found), {"svc-a-uccle", "svc-region", "svc-ixelles"})
            self.assertEqual(found[-1], "svc-a-uccle")

    def test_a_closed_service_shows_its_status_in_words_and_no_orient_button(self):
        response = self.search(f"case={self.case.pk}&q=logement&status=", language="fr")
        self.assertIn("Logement Fermé", self.names(response))
        text = response.content.decode()
        self.assertIn("temporairement fermé", text)
        self.assertNotIn("service=svc-closed", text)
        self.assertIn("service=svc-ixelles", text)

    def test_nothing_fits_is_offered_above_the_results_and_below_them(self):
        response = self.search(f"case={self.case.pk}&q=logement")
        text = response.content.decode()
        links = [m.start() for m in re.finditer(r"/orientation/unmet-needs/new/\?", text)]
        self.assertEqual(len(links), 2)
        first_result = text.index("/directory/services/")
        self.assertLess(links[0], first_result)
        self.assertGreater(links[1], first_result)
        self.assertIn(f"case={self.case.pk}", text[links[0] : links[0] + 300])


class ClosedServiceTests(OrientationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        statuses = ("inactive", "defunct", "temporarily closed", "Inactive")
        cls.closed = {
            status: make_service(f"svc-closed-{n}", name=f"Service {status}", status=status)
            for n, status in enumerate(statuses)
        }

    def test_the_action_refuses_a_service_that_is_not_open(self):
        for service in self.closed.values():
            for channel in ("email", "phone"):
                with self.assertRaises(ValidationError) as caught:
                    self.refer(service=service, channel=channel)
                self.assertIn("service", caught.exception.message_dict)
        self.assertFalse(Referral.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_orient_page_says_why_and_offers_no_form(self):
        service = self.closed["defunct"]
        url = f"/orientation/new/?service={service.pk}&case={self.case.pk}"
        self.login(self.camille)
        page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "This service is defunct in the directory")
        self.assertNotContains(page, 'name="need"')
        self.client.post(url, {"channel": "email", "need": "x", "person_agreed": "on"})
        self.assertFalse(Referral.objects.exists())

    def test_an_active_service_is_still_taken(self):
        self.assertEqual(self.refer().status, "sent")
