"""The network map page and its SVG file: the picture, its words, bounded queries."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

from maillage.audit.models import AuditEvent

from .base import NetworkTestCase

SVG = "{http://www.w3.org/2000/svg}"


class NetworkMapTests(NetworkTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.add(self.case, "Dr <Janssens> & fils", quality="strong")
        self.add(self.case, "Sophie", "informal", quality="conflictual", exhausted=True)

    def test_the_page_shows_the_map_inline_with_its_words_and_table(self):
        self.login(self.camille)
        response = self.client.get(self.url("map/"))
        content = response.content.decode()
        main = content[content.index("<main") : content.index("</main>")]
        self.assertEqual(main.count("<svg "), 1)  # the map (the header has its icons)
        self.assertIn('role="img"', content)
        self.assertIn("Dr &lt;Janssens&gt; &amp; fils", content)
        self.assertNotIn("<Janssens>", content)
        self.assertIn("<li>Network of Louis Lambert: 4 actors</li>", content)
        self.assertIn('<th scope="row">Sophie</th>', content)
        self.assertIn(f'href="/cases/{self.case.pk}/network/map.svg"', content)
        self.assertNotIn("<?xml", content)

    def test_the_svg_file_is_well_formed_and_names_the_current_actors(self):
        self.login(self.noor)
        response = self.client.get(self.url("map.svg"))
        self.assertEqual(response["Content-Type"], "image/svg+xml; charset=utf-8")
        self.assertNotIn("Lambert", response["Content-Disposition"])
        root = ET.fromstring(response.content)
        drawn = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
        for name in ("Louis Lambert", "Camille", "Noor", "Dr <Janssens> & fils", "Sophie"):
            self.assertIn(name, drawn)
        event = AuditEvent.objects.filter(verb="case.viewed").order_by("-seq").first()
        self.assertEqual(event.part, "network")

    def test_the_map_is_drawn_in_the_language_of_the_page(self):
        self.login(self.camille)
        response = self.client.get(self.url("map.svg"), HTTP_ACCEPT_LANGUAGE="nl")
        self.assertIn("Conflictueus", response.content.decode())
        self.assertIn("Uitgeput", response.content.decode())

    def test_the_thumbnail_is_smaller(self):
        self.login(self.camille)
        full = ET.fromstring(self.client.get(self.url("map.svg")).content)
        small = ET.fromstring(self.client.get(self.url("map.svg?size=thumbnail")).content)
        self.assertLess(int(small.get("viewBox").split()[2]), int(full.get("viewBox").split()[2]))

    def test_an_organiser_reads_it_and_another_team_gets_404(self):
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.url("map/")).status_code, 200)
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url("map/")).status_code, 404)
        self.assertEqual(self.client.get(self.url("map.svg")).status_code, 404)

    def test_the_page_and_file_cost_the_same_with_5_or_200_actors(self):
        self.login(self.camille)
        for i in range(3):
            self.add(self.case, f"Actor {i}")
        few = self.queries(self.url("map/")), self.queries(self.url("map.svg"))
        today = timezone.localdate()
        for i in range(195):
            kind = "formal" if i % 2 else "informal"
            self.add(
                self.case,
                f"More {i}",
                kind,
                quality=["strong", "fragile", "conflictual", "broken", ""][i % 5],
                last_contact_on=today - timedelta(days=i),
                ended_on=today if i % 9 == 0 else None,
            )
        many = self.queries(self.url("map/")), self.queries(self.url("map.svg"))
        self.assertEqual(many, few)
        response = self.client.get(self.url("map/"))
        self.assertContains(response, "more actors, not drawn")
