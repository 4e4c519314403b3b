"""A consent recorded before the network exists, and the actors who join later: each one
is offered the shares right there, recorded as a new version of the consent."""

from maillage.audit.models import AuditEvent
from maillage.consent.models import Consent, Share
from maillage.consent.rules import consent_in_force, shared_categories
from maillage.network.models import Actor

from .base import CPAS, GP, ConsentTestCase, add_actor, open_case


class ConsentBeforeTheNetworkTests(ConsentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.bare = open_case(cls, "Sansreseau")  # only the person and the case workers

    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login(self.camille)

    def test_the_form_says_the_decision_can_be_recorded_before_anyone_is_in_the_network(self):
        response = self.client.get(f"/cases/{self.bare.pk}/consent/new/")
        self.assertContains(response, "You can record the person's decision now")
        self.assertContains(response, "you will be asked right there what they may receive")

    def test_a_consent_given_on_day_one_is_recorded_with_nobody_receiving_anything(self):
        response = self.client.post(
            f"/cases/{self.bare.pk}/consent/new/",
            {"version": "0", "status": "given", "method": "oral", "notes": "Agrees in principle."},
        )
        self.assertRedirects(response, f"/cases/{self.bare.pk}/consent/")
        consent = consent_in_force(self.bare)
        self.assertEqual((consent.status, consent.shares.count()), ("given", 0))
        page = self.client.get(f"/cases/{self.bare.pk}/consent/")
        self.assertContains(page, "no actor receive any information yet")


class OfferOnJoiningTests(ConsentTestCase):
    def setUp(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login(self.camille)

    def add_through_the_page(self, name: str = "Dr Nadia Haddad"):
        return self.client.post(
            f"/cases/{self.case.pk}/network/new/",
            {
                "kind": "formal",
                "name": name,
                "organisation": "SSM Le Méridien",
                "sector": "mental_health",
            },
        )

    def share_url(self, actor: Actor, back: str = "network") -> str:
        return f"/cases/{self.case.pk}/consent/share/{actor.pk}/?back={back}"

    def test_an_actor_added_while_a_consent_allows_sharing_is_offered_the_shares(self):
        self.give()
        response = self.add_through_the_page()
        actor = self.case.actors.get(name="Dr Nadia Haddad")
        self.assertRedirects(response, self.share_url(actor))

    def test_without_a_consent_that_allows_sharing_the_worker_goes_back_to_the_network(self):
        self.give(status=Consent.Status.NO_DEMAND, method="", shares=[])
        response = self.add_through_the_page()
        actor = self.case.actors.get(name="Dr Nadia Haddad")
        self.assertRedirects(response, self.share_url(actor), target_status_code=302)
        response = self.client.get(self.share_url(actor))
        self.assertRedirects(response, f"/cases/{self.case.pk}/network/")

    def test_the_offer_shows_the_consent_in_force_and_lets_the_worker_say_not_now(self):
        self.give(method="written")
        self.add_through_the_page()
        actor = self.case.actors.get(name="Dr Nadia Haddad")
        response = self.client.get(self.share_url(actor))
        self.assertContains(response, "What may Dr Nadia Haddad receive?")
        self.assertContains(response, "Consent in force: given")
        self.assertContains(response, f'<a href="/cases/{self.case.pk}/network/">Not now</a>')
        self.assertContains(response, '<option value="written" selected>')
        self.assertContains(response, "An information category is one kind of thing known")
        self.assertNotContains(response, 'value="nothing"')  # "not now" says it

    def test_choosing_records_a_new_version_with_the_same_decision_and_every_share(self):
        first = self.give(
            status=Consent.Status.GIVEN_BY_REPRESENTATIVE,
            method="representative",
            decided_by="Me Dupont, administratrice de biens",
            justification="Under protection since 2024.",
        )
        actor = add_actor(self.case, "Dr Nadia Haddad", organisation="SSM", sector="mental_health")
        response = self.client.post(
            self.share_url(actor),
            {
                "version": "1",
                "back": "network",
                "categories": ["mental_health", "plan"],
                "method": "phone",
                "notes": "Agreed by phone.",
            },
        )
        self.assertRedirects(response, f"/cases/{self.case.pk}/network/")
        consent = consent_in_force(self.case)
        self.assertNotEqual(consent.pk, first.pk)
        self.assertEqual(
            (consent.status, consent.method, consent.decided_by, consent.justification),
            (
                "given_by_representative",
                "phone",
                "Me Dupont, administratrice de biens",
                "Under protection since 2024.",
            ),
        )
        self.assertEqual((consent.notes, consent.recorded_by), ("Agreed by phone.", self.camille))
        self.assertEqual(shared_categories(consent, actor), {"mental_health", "plan"})
        self.assertEqual(shared_categories(consent, self.gp), set(GP))
        self.assertEqual(shared_categories(consent, self.cpas), set(CPAS))
        first.refresh_from_db()
        self.assertEqual(first.shares.count(), 2)  # the earlier version is never changed
        event = AuditEvent.objects.filter(verb="consent.recorded").order_by("-seq").first()
        self.assertEqual((event.actor_id, event.target_id), (self.camille.pk, str(consent.pk)))

    def test_the_method_of_the_consent_in_force_is_kept_when_none_is_given(self):
        self.give(method="written")
        actor = add_actor(self.case, "Nadia", kind=Actor.Kind.INFORMAL, relation="friend")
        self.client.post(self.share_url(actor), {"version": "1", "categories": ["plan"]})
        self.assertEqual(consent_in_force(self.case).method, "written")

    def test_the_other_current_actors_keep_their_share_and_one_who_left_gets_none(self):
        consent = self.give()
        Share.objects.create(consent=consent, actor=self.gone, categories=["plan"])  # then left
        actor = add_actor(self.case, "Nadia", kind=Actor.Kind.INFORMAL, relation="friend")
        self.client.post(self.share_url(actor), {"version": "1", "categories": ["plan"]})
        consent = consent_in_force(self.case)
        self.assertEqual(
            {share.actor_id for share in consent.shares.all()}, {self.gp.pk, self.cpas.pk, actor.pk}
        )

    def test_nothing_ticked_is_refused_with_the_field_named(self):
        self.give()
        actor = add_actor(self.case, "Nadia", kind=Actor.Kind.INFORMAL, relation="friend")
        response = self.client.post(self.share_url(actor), {"version": "1", "notes": "Kept"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="id_categories_error"')
        self.assertContains(response, "Tick what Nadia may receive")
        self.assertContains(response, "Kept")
        self.assertEqual(self.case.consents.count(), 1)

    def test_a_stale_offer_is_refused_and_keeps_the_ticks(self):
        self.give()
        actor = add_actor(self.case, "Nadia", kind=Actor.Kind.INFORMAL, relation="friend")
        self.give()  # someone recorded a consent meanwhile
        response = self.client.post(
            self.share_url(actor), {"version": "1", "categories": ["crisis_plan"]}
        )
        self.assertContains(response, "Someone else changed this record")
        tag = response.content.decode().split('id="id_categories_crisis_plan"')[1].split(">")[0]
        self.assertIn("checked", tag)
        self.assertEqual(self.case.consents.count(), 2)

    def test_a_preset_without_javascript_ticks_the_boxes_and_records_nothing(self):
        self.give()
        actor = add_actor(self.case, "Nadia", kind=Actor.Kind.INFORMAL, relation="friend")
        response = self.client.post(
            self.share_url(actor), {"version": "1", "preset": "roles", "notes": "Kept"}
        )
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        for code in ("identity", "contact", "plan", "crisis_plan"):
            tag = content.split(f'id="id_categories_{code}"')[1].split(">")[0]
            self.assertIn("checked", tag)
        self.assertIn("Kept", content)
        self.assertEqual(self.case.consents.count(), 1)

    def test_without_a_consent_that_allows_sharing_the_page_asks_for_one(self):
        response = self.client.get(self.share_url(self.gp, back="consent"))
        self.assertContains(response, "No consent in force allows sharing")
        self.assertNotContains(response, 'name="categories"')
        response = self.client.post(
            self.share_url(self.gp, back="consent"), {"version": "0", "categories": ["plan"]}
        )
        self.assertEqual(self.case.consents.count(), 0)

    def test_the_consent_page_lists_who_receives_nothing_yet(self):
        self.give(shares=[(self.gp.pk, GP)])
        response = self.client.get(f"/cases/{self.case.pk}/consent/")
        listed = response.content.decode().split('id="without-share"')[1].split("</ul>")[0]
        self.assertIn("Karim Benali", listed)
        self.assertIn("Sophie Lambert", listed)
        self.assertNotIn("Dr Claire Dubois", listed)
        self.assertNotIn("Ancien kiné", listed)
        self.assertIn(self.share_url(self.cpas, back="consent"), listed)

    def test_an_actor_of_another_case_or_who_left_or_the_person_is_not_found(self):
        self.give()
        person = self.case.actors.get(kind=Actor.Kind.PERSON)
        for actor in (self.stranger, self.gone, person):
            response = self.client.get(self.share_url(actor))
            self.assertEqual(response.status_code, 404, actor)

    def test_the_organiser_who_reads_the_case_may_not_choose(self):
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.share_url(self.gp)).status_code, 403)
