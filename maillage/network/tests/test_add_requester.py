"""The requesters of the request are offered as actors of the case's network, pre-filled,
in one click; none is added without it, and none is offered twice."""

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.consent import actions as consent_actions
from maillage.intake.actions import RequesterData
from maillage.network.models import Actor
from maillage.network.requesters import sector_of
from maillage.testing import make_person

from .base import NetworkTestCase


class AddRequesterTests(NetworkTestCase):
    @classmethod
    def open_case(cls) -> Case:
        support_request = cls.record(
            cls.brusano,
            cls.ines,
            make_person(given_name="Louis", family_name="Lambert"),
            requesters=[
                RequesterData(kind="person"),
                RequesterData(
                    kind="professional",
                    name="Karim Benali",
                    organisation="CPAS de Saint-Gilles",
                    sector="CPAS",
                    contact="02 600 12 34",
                ),
                RequesterData(kind="carer", name="Sophie Lambert", contact="sophie@example.org"),
                RequesterData(kind="professional", name="Dr Janssens", sector="psychiatrie"),
            ],
        )
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        return Case.objects.get(support_request=support_request)

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        requesters = {r.name: r for r in cls.case.support_request.requesters.all()}
        cls.cpas = requesters["Karim Benali"]
        cls.sister = requesters["Sophie Lambert"]
        cls.doctor = requesters["Dr Janssens"]  # no organisation: to complete
        cls.self_request = requesters[""]

    def add_url(self, requester) -> str:
        return self.url(f"from-request/{requester.pk}/")

    def offers(self) -> str:
        content = self.client.get(self.url()).content.decode()
        if 'id="from-request"' not in content:
            return ""
        return content.split('id="from-request"')[1].split("</section>")[0]

    def test_the_network_page_offers_the_carers_and_professionals_who_asked(self):
        self.login(self.camille)
        offers = self.offers()
        self.assertIn("Karim Benali", offers)
        self.assertIn("CPAS de Saint-Gilles", offers)
        self.assertIn("(social services (CPAS…))", offers)
        self.assertIn("Sophie Lambert", offers)
        self.assertIn("carer (informal network)", offers)
        self.assertIn(f'action="{self.add_url(self.cpas)}"', offers)
        self.assertNotIn(f'action="{self.add_url(self.self_request)}"', offers)
        # nobody is added by showing the page
        self.assertEqual(self.case.actors.filter(kind__in=("formal", "informal")).count(), 0)

    def test_one_click_adds_a_professional_pre_filled_from_the_request(self):
        self.login(self.camille)
        # No consent allows sharing: the consent's offer sends the worker back at once.
        response = self.client.post(self.add_url(self.cpas), follow=True)
        self.assertRedirects(response, self.url())
        actor = self.case.actors.get(requester=self.cpas)
        self.assertEqual(
            (actor.kind, actor.name, actor.organisation, actor.sector, actor.phone),
            ("formal", "Karim Benali", "CPAS de Saint-Gilles", "social", "02 600 12 34"),
        )
        self.assertEqual(actor.role, "made the request for support")
        event = self.last_event("actor.added")
        self.assertEqual((event.actor_id, event.part), (self.camille.pk, "network"))
        self.assertIn("requester", event.changes)

    def test_one_click_adds_a_carer_as_an_informal_actor(self):
        self.login(self.camille)
        self.client.post(self.add_url(self.sister))
        actor = self.case.actors.get(requester=self.sister)
        self.assertEqual(
            (actor.kind, actor.relation, actor.email), ("informal", "carer", "sophie@example.org")
        )

    def test_a_requester_already_added_is_not_offered_twice(self):
        self.login(self.camille)
        self.client.post(self.add_url(self.cpas))
        self.assertNotIn("Karim Benali", self.offers())
        response = self.client.post(self.add_url(self.cpas), follow=True)
        self.assertContains(response, "This requester is already in the network.")
        self.assertEqual(self.case.actors.filter(name="Karim Benali").count(), 1)

    def test_a_requester_who_left_the_network_is_not_offered_again(self):
        self.login(self.camille)
        self.client.post(self.add_url(self.sister))
        actor = self.case.actors.get(requester=self.sister)
        Actor.objects.filter(pk=actor.pk).update(ended_on=actor.created_at.date())
        self.assertNotIn("Sophie Lambert", self.offers())

    def test_a_requester_typed_in_by_hand_already_is_not_offered(self):
        self.add(self.case, "sophie lambert", "informal")
        self.login(self.camille)
        self.assertNotIn("Sophie Lambert", self.offers())

    def test_a_requester_the_request_does_not_describe_enough_is_completed_first(self):
        self.login(self.camille)
        offers = self.offers()
        self.assertIn("Dr Janssens", offers)
        self.assertIn(f'href="{self.url()}new/?requester={self.doctor.pk}"', offers)
        self.assertNotIn(f'action="{self.add_url(self.doctor)}"', offers)
        self.assertIn("The request does not give the organisation.", offers)
        response = self.client.post(self.add_url(self.doctor), follow=True)
        self.assertContains(response, "does not give this requester")
        self.assertFalse(self.case.actors.filter(name="Dr Janssens").exists())

    def test_the_form_starts_from_the_requester_and_links_the_actor_to_them(self):
        self.login(self.camille)
        form = self.client.get(f"{self.url()}new/?requester={self.doctor.pk}")
        self.assertContains(form, 'value="Dr Janssens"')
        self.assertContains(form, f'name="requester" value="{self.doctor.pk}"')
        self.assertContains(form, "Filled in from the request")
        response = self.client.post(
            f"{self.url()}new/",
            {
                "requester": str(self.doctor.pk),
                "kind": "formal",
                "name": "Dr Janssens",
                "organisation": "CHU Brugmann",
                "role": "psychiatrist",
            },
            follow=True,
        )
        self.assertRedirects(response, self.url())
        self.assertEqual(self.case.actors.get(requester=self.doctor).organisation, "CHU Brugmann")
        self.assertNotIn("Dr Janssens", self.offers())

    def test_a_requester_of_another_request_is_not_found(self):
        other = self.record(
            self.brusano, self.ines, requesters=[RequesterData(kind="carer", name="Other")]
        )
        stranger = other.requesters.get()
        self.login(self.camille)
        self.assertEqual(self.client.post(self.add_url(stranger)).status_code, 404)
        self.assertEqual(self.client.get(f"{self.url()}new/?requester=abc").status_code, 404)
        self.assertFalse(Actor.objects.filter(requester=stranger).exists())

    def test_readers_are_offered_nothing(self):
        self.login(self.olivier)
        self.assertEqual(self.offers(), "")
        self.assertEqual(self.client.post(self.add_url(self.cpas)).status_code, 403)
        self.assertFalse(AuditEvent.objects.filter(verb="actor.added").exists())

    def test_when_a_consent_allows_sharing_the_worker_is_asked_what_they_may_receive(self):
        consent_actions.record_consent(self.case, by=self.camille, status="given", method="oral")
        self.login(self.camille)
        response = self.client.post(self.add_url(self.cpas))
        actor = self.case.actors.get(requester=self.cpas)
        self.assertRedirects(
            response, f"/cases/{self.case.pk}/consent/share/{actor.pk}/?back=network"
        )


class SectorOfTests(NetworkTestCase):
    def test_a_requester_s_sector_is_read_in_any_language(self):
        self.assertEqual(sector_of("social"), "social")
        self.assertEqual(sector_of("CPAS"), "social")
        self.assertEqual(sector_of("OCMW"), "social")
        self.assertEqual(sector_of("Santé mentale"), "mental_health")
        self.assertEqual(sector_of("geestelijke gezondheid"), "mental_health")
        self.assertEqual(sector_of("hôpital"), "hospital")
        self.assertEqual(sector_of("psychiatrie"), "")
        self.assertEqual(sector_of(""), "")
