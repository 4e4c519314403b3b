"""Directory pages: search with filters, the service page (contact, hours, freshness),
orientation buttons from a request, "nothing fits", editing with optimistic versions."""

from datetime import date, time, timedelta
from urllib.parse import parse_qs, urlparse

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from maillage.directory.models import (
    Address,
    Location,
    Metadata,
    Phone,
    Schedule,
    ServiceAtLocation,
)
from maillage.directory.views import freshness
from maillage.testing import MaillageTestCase, make_person

from .test_search import InEnglish, make_catalogue, make_service


def _value(value: object) -> object:
    return "" if value is None else value


class SearchPageTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_catalogue(cls)

    def test_nothing_asked_shows_a_prompt_not_the_whole_directory(self):
        response = self.login(self.camille).get(reverse("directory:search"))
        self.assertEqual(response.context["rows"], [])
        self.assertContains(response, "Type what the person needs")
        self.assertEqual(response.context["nothing_fits_url"], "")

    def test_search_page_lists_ranked_results_with_their_facts(self):
        client = self.login(self.camille)
        response = client.get(reverse("directory:search"), {"q": "sante mentale"})
        self.assertEqual(response.status_code, 200)
        rows = response.context["rows"]
        self.assertEqual(rows[0]["service"], self.mental)
        self.assertContains(response, "Centre de santé mentale Le Méridien")
        self.assertContains(response, "Schaerbeek")
        self.assertContains(response, "free of charge")

    def test_filters_from_the_form(self):
        client = self.login(self.ines)
        response = client.get(reverse("directory:search"), {"commune": "21015", "age": "15"})
        found = {row["service"].name for row in response.context["rows"]}
        self.assertEqual(found, {self.mental.name, self.youth.name, self.debt.name})
        response = client.get(reverse("directory:search"), {"status": "", "q": "maison"})
        self.assertIn(self.closed, [row["service"] for row in response.context["rows"]])

    def test_anonymous_visitors_see_it_only_when_published(self):
        self.assertEqual(self.client.get(reverse("directory:search")).status_code, 404)
        with override_settings(DIRECTORY_PUBLIC=True):
            response = self.client.get(reverse("directory:search"), {"q": "logement"})
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Aide au logement")
            self.assertNotContains(response, "Nothing fits")
            page = reverse("directory:service", kwargs={"service_id": self.housing.pk})
            self.assertEqual(self.client.get(page).status_code, 200)

    def test_orientation_context_shows_orient_and_nothing_fits_buttons(self):
        support_request = self.record(self.brusano, self.ines, make_person())
        client = self.login(self.ines)
        response = client.get(
            reverse("directory:search"), {"q": "logement", "request": support_request.pk}
        )
        row = response.context["rows"][0]
        query = parse_qs(urlparse(row["orient_url"]).query)
        self.assertEqual(query["service"], [self.housing.pk])
        self.assertEqual(query["request"], [str(support_request.pk)])
        self.assertContains(response, "Orient here")
        nothing = parse_qs(urlparse(response.context["nothing_fits_url"]).query)
        self.assertEqual(nothing["request"], [str(support_request.pk)])
        # Someone who may not see the request gets the plain search.
        response = self.login(self.bob).get(
            reverse("directory:search"), {"q": "logement", "request": support_request.pk}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["rows"][0]["orient_url"], "")
        self.assertNotContains(response, "Orient here")

    def test_nothing_fits_carries_the_search_filters(self):
        client = self.login(self.camille)
        response = client.get(
            reverse("directory:search"), {"q": "zzz", "domain": "housing", "commune": "21009"}
        )
        self.assertContains(response, "No service matches this search.")
        url = urlparse(response.context["nothing_fits_url"])
        self.assertEqual(url.path, reverse("orientation:unmet_need"))
        self.assertEqual(
            parse_qs(url.query), {"life_domain": ["housing"], "commune": ["21009"], "q": ["zzz"]}
        )

    def test_the_search_page_costs_the_same_number_of_queries_for_more_results(self):
        client = self.login(self.camille)
        client.get(reverse("directory:search"), {"q": "logement"})
        with self.assertNumQueries(self._queries(client)):
            response = client.get(reverse("directory:search"), {"domain": "housing"})
        self.assertEqual(len(response.context["rows"]), 6)

    def _queries(self, client) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("directory:search"), {"domain": "housing"})
        self.assertEqual(len(response.context["rows"]), 1)
        for number in range(5):
            make_service(f"Service en plus {number}", domains=("housing",))
        return len(captured.captured_queries)


class ServicePageTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        today = timezone.localdate()
        cls.service = make_service(
            "Bru-Stars équipe mobile",
            domains=("mental_health",),
            communes=("21004",),
            description="Équipe mobile pour enfants et adolescents.",
            eligibility="Jeunes de 0 à 18 ans",
            minimum_age=0,
            maximum_age=18,
            application_process="Par téléphone",
            fees_description="Gratuit",
            assured_date=today - timedelta(days=430),
            url="https://example.org/brustars",
            email="info@example.org",
        )
        location = Location.objects.create(id="loc-1", name="Siège")
        Address.objects.create(
            id="adr-1",
            location=location,
            address_1="Rue Exemple 1",
            postal_code="1000",
            city="Bruxelles",
        )
        sal = ServiceAtLocation.objects.create(id="sal-1", service=cls.service, location=location)
        Phone.objects.create(id="ph-1", service=cls.service, number="02 123 45 67")
        Schedule.objects.create(
            id="sch-1",
            service_at_location=sal,
            byday="MO,TU",
            opens_at=time(9),
            closes_at=time(17),
            description="Sur rendez-vous",
        )

    def test_everything_to_call_or_send_someone_there(self):
        response = self.login(self.camille).get(
            reverse("directory:service", kwargs={"service_id": self.service.pk})
        )
        self.assertEqual(response.status_code, 200)
        for text in (
            "Bru-Stars équipe mobile",
            "Jeunes de 0 à 18 ans",
            "from 0 to 18 years",
            "Par téléphone",
            "Gratuit",
            "Rue Exemple 1",
            "02 123 45 67",
            "Monday, Tuesday 09:00–17:00 — Sur rendez-vous",
            "info@example.org",
            "mental health",
            "Bruxelles",
        ):
            self.assertContains(response, text)

    def test_old_information_stands_out(self):
        response = self.login(self.camille).get(
            reverse("directory:service", kwargs={"service_id": self.service.pk})
        )
        self.assertContains(response, "erified 14 months ago")
        self.assertContains(response, "alert-warning")
        self.assertTrue(freshness(date(2024, 1, 10), date(2025, 3, 9))["stale"])
        self.assertFalse(freshness(date(2024, 6, 10), date(2025, 3, 9))["stale"])
        self.assertEqual(freshness(date(2024, 6, 10), date(2025, 3, 9))["months"], 8)
        self.assertTrue(freshness(None)["stale"])

    def test_an_editor_edits_with_history_and_the_index_follows(self):
        client = self.login(self.adam)
        url = reverse("directory:edit", kwargs={"service_id": self.service.pk})
        form = client.get(url).context["form"]
        data = {name: _value(form[name].value()) for name in form.fields}
        data["name"] = "Bru-Stars Horizon"
        data["assured_date"] = timezone.localdate().isoformat()
        response = client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.service.refresh_from_db()
        self.assertEqual(self.service.name, "Bru-Stars Horizon")
        self.assertEqual(self.service.version, 2)
        rows = Metadata.objects.filter(resource_id=self.service.pk).order_by("field_name")
        self.assertEqual([r.field_name for r in rows], ["assured_date", "name"])
        name_row = rows.get(field_name="name")
        self.assertEqual(
            (name_row.previous_value, name_row.replacement_value, name_row.last_action_type),
            ("Bru-Stars équipe mobile", "Bru-Stars Horizon", "update"),
        )
        self.assertEqual(name_row.updated_by, str(self.adam))
        page = client.get(reverse("directory:service", kwargs={"service_id": self.service.pk}))
        self.assertContains(page, "Bru-Stars Horizon")
        self.assertContains(page, "verified less than a month ago")
        history = client.get(reverse("directory:history", kwargs={"service_id": self.service.pk}))
        self.assertContains(history, "Bru-Stars équipe mobile")
        search = client.get(reverse("directory:search"), {"q": "horizon"})
        self.assertEqual(search.context["rows"][0]["service"], self.service)

    def test_a_stale_version_keeps_the_editors_text(self):
        client = self.login(self.adam)
        url = reverse("directory:edit", kwargs={"service_id": self.service.pk})
        form = client.get(url).context["form"]
        data = {name: _value(form[name].value()) for name in form.fields}
        data["description"] = "Mon texte à garder"
        data["version"] = "0"
        response = client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Mon texte à garder")
        self.service.refresh_from_db()
        self.assertNotEqual(self.service.description, "Mon texte à garder")

    def test_only_editors_edit(self):
        url = reverse("directory:edit", kwargs={"service_id": self.service.pk})
        self.assertEqual(self.login(self.camille).post(url, {"name": "X"}).status_code, 403)
