"""The actors of a case: grouped by kind, past actors apart, bounded queries."""

from datetime import timedelta

from django.utils import timezone

from maillage.audit.models import AuditEvent

from .base import NetworkTestCase


class ActorListTests(NetworkTestCase):
    def test_it_groups_the_current_actors_by_kind_and_keeps_past_ones_apart(self):
        today = timezone.localdate()
        self.add(
            self.case,
            "Dr Janssens",
            role="médecin traitant",
            mission="Suivi du diabète.",
            profession="médecin généraliste",
            quality="strong",
            phone="02 512 34 56",
            email="dr.janssens@example.org",
            last_contact_on=today,
        )
        self.add(
            self.case, "Sophie Lambert", "informal", role="sœur", quality="fragile", exhausted=True
        )
        self.add(self.case, "Ancien voisin", "informal", relation="neighbour", ended_on=today)
        self.login(self.camille)
        content = self.client.get(self.url()).content.decode()
        current, past = content.split('id="network-past"')
        for text in (
            "Louis Lambert",
            "Camille",
            "Noor",
            "Dr Janssens",
            "médecin traitant",
            "Suivi du diabète.",
            "General practice (first line)",
            "Strong",
            "Fragile",
            "Exhausted",
            "dr.janssens@example.org",
            "Family",
        ):
            self.assertIn(text, current)
        self.assertNotIn("Ancien voisin", current)
        self.assertIn("Ancien voisin", past)
        self.assertLess(content.index("Case workers"), content.index("Formal network"))
        self.assertLess(content.index("Formal network"), content.index("Informal network"))
        self.assertIn(f"/cases/{self.case.pk}/network/new/", content)
        self.assertIn(f"/cases/{self.case.pk}/", content)

    def test_the_read_is_audited_as_the_network_part(self):
        self.login(self.noor)
        self.client.get(self.url())
        event = AuditEvent.objects.filter(verb="case.viewed").order_by("-seq").first()
        self.assertEqual((event.part, event.case_id), ("network", self.case.pk))

    def test_an_organiser_reads_without_the_means_to_change(self):
        self.add(self.case, "Dr Janssens")
        self.login(self.olivier)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(b"/network/new/", response.content)
        self.assertNotIn(b"/edit/", response.content)

    def test_another_team_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_the_page_costs_the_same_with_5_or_200_actors(self):
        self.login(self.camille)
        for i in range(5):
            self.add(self.case, f"Actor {i}", quality="strong")
        few = self.queries(self.url())
        today = timezone.localdate()
        for i in range(195):
            kind = "formal" if i % 2 else "informal"
            ended = today - timedelta(days=1) if i % 7 == 0 else None
            self.add(self.case, f"More {i}", kind, ended_on=ended, exhausted=i % 5 == 0)
        self.assertEqual(self.queries(self.url()), few)
