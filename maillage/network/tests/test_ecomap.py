"""The network map: a well-formed SVG that names the current actors and tells the
relationships apart by line style, not colour; translated; safe with any name."""

import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.test import SimpleTestCase
from django.utils import translation

from maillage.network.ecomap import MAX_DRAWN, describe, render_ecomap
from maillage.network.models import Actor

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2025, 3, 14)


def actor(name: str, kind: str = "formal", **fields) -> Actor:
    defaults = {
        "formal": {"organisation": "Maison médicale du Midi", "sector": "general_practice"},
        "informal": {"relation": "family"},
        "worker": {"organisation": "Brusano"},
        "person": {},
    }[kind]
    return Actor(kind=kind, name=name, **{"started_on": date(2024, 1, 1), **defaults, **fields})


def network() -> list[Actor]:
    return [
        actor("Louis Lambert", "person"),
        actor("Camille", "worker"),
        actor("Dr Janssens", quality="strong", role="médecin traitant"),
        actor("Sophie Lambert", "informal", quality="fragile", role="sœur"),
        actor("Marc Lambert", "informal", quality="conflictual", relation="family"),
        actor("CPAS d'Ixelles", quality="broken", sector="social"),
        actor("Mme Peeters", "informal", relation="neighbour", exhausted=True, quality="strong"),
        actor("Ancien infirmier", sector="home_care", ended_on=TODAY - timedelta(days=3)),
        actor("Futur kiné", sector="home_care", started_on=TODAY + timedelta(days=5)),
    ]


def render(actors=None, **kwargs) -> tuple[str, ET.Element]:
    svg = render_ecomap(
        "Louis Lambert", network() if actors is None else actors, today=TODAY, **kwargs
    )
    return svg, ET.fromstring(svg)


def texts(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def ties(root: ET.Element, quality: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("data-quality") == quality]


class EcomapTests(SimpleTestCase):
    def setUp(self) -> None:
        self.enterContext(translation.override("en"))

    def test_it_is_a_standalone_svg_image_with_a_title_and_a_description(self):
        svg, root = render()
        self.assertEqual(root.tag, f"{SVG}svg")
        self.assertEqual(root.get("role"), "img")
        self.assertRegex(root.get("viewBox"), r"^0 0 \d+ \d+$")
        self.assertEqual(root.findtext(f"{SVG}title"), "Network of Louis Lambert")
        description = root.findtext(f"{SVG}desc")
        self.assertIn("Network of Louis Lambert: 6 actors", description)
        self.assertIn(
            "strong: Dr Janssens (Maison médicale du Midi), Mme Peeters (neighbour)", description
        )
        self.assertIn("exhausted: Mme Peeters (neighbour)", description)
        for forbidden in ("style=", "class=", "<script", "@import", "href="):
            self.assertNotIn(forbidden, svg)

    def test_it_names_every_current_actor_and_no_other(self):
        _svg, root = render()
        drawn = texts(root)
        for name in (
            "Louis Lambert",
            "Camille",
            "Dr Janssens",
            "Sophie Lambert",
            "Marc Lambert",
            "CPAS d'Ixelles",
            "Mme Peeters",
        ):
            self.assertIn(name, drawn)
        self.assertNotIn("Ancien infirmier", drawn)
        self.assertNotIn("Futur kiné", drawn)
        self.assertNotIn("Ancien infirmier", root.findtext(f"{SVG}desc"))

    def test_each_quality_has_its_own_line_style(self):
        _svg, root = render()
        strong = ties(root, "strong")
        self.assertEqual(len(strong), 2)
        for tie in strong:
            (line,) = tie
            self.assertEqual(line.get("stroke-width"), "4.5")
            self.assertIsNone(line.get("stroke-dasharray"))
        (fragile,) = ties(root, "fragile")
        self.assertEqual(fragile[0].get("stroke-dasharray"), "9 6")
        (conflictual,) = ties(root, "conflictual")
        self.assertEqual(conflictual[0].tag, f"{SVG}polyline")
        self.assertGreater(len(conflictual[0].get("points").split()), 6)  # a zig-zag
        (broken,) = ties(root, "broken")
        self.assertEqual(len(broken), 4)  # two halves and a double bar across the gap
        (unknown,) = ties(root, "unknown")  # Camille: quality not recorded
        self.assertEqual(unknown[0].get("stroke-dasharray"), "2 4")
        patterns = {
            (tie[0].tag, tie[0].get("stroke-width"), tie[0].get("stroke-dasharray"), len(tie))
            for quality in ("strong", "fragile", "conflictual", "broken", "unknown")
            for tie in ties(root, quality)
        }
        self.assertEqual(len(patterns), 5)

    def test_exhausted_actors_are_marked_in_words_not_only_by_a_symbol(self):
        _svg, root = render()
        self.assertIn("Exhausted", texts(root))
        tooltips = [title.text for title in root.iter(f"{SVG}title")]
        self.assertIn("Mme Peeters · Neighbour · strong · exhausted", tooltips)

    def test_the_legend_explains_every_line_style(self):
        _svg, root = render()
        drawn = texts(root)
        for label in (
            "Legend",
            "Strong",
            "Fragile",
            "Conflictual",
            "Broken",
            "Quality not recorded",
        ):
            self.assertIn(label, drawn)

    def test_it_speaks_the_active_language(self):
        with translation.override("nl"):
            _svg, root = render()
        drawn = texts(root)
        for dutch in ("Sterk", "Kwetsbaar", "Conflictueus", "Verbroken", "Uitgeput"):
            self.assertIn(dutch, drawn)
        self.assertEqual(root.get("{http://www.w3.org/XML/1998/namespace}lang"), "nl")
        self.assertIn("uitgeput: Mme Peeters", root.findtext(f"{SVG}desc"))

    def test_names_are_escaped(self):
        nasty = 'A <b>&"bold"\' </text><script>x</script>\x01'
        svg, root = render([actor(nasty, quality="strong"), actor("B & <C>", "informal")])
        self.assertNotIn("<script", svg)
        self.assertNotIn("<b>", svg)
        self.assertIn('A <b>&"bold"\'', texts(root))
        self.assertIn("B & <C>", root.findtext(f"{SVG}desc"))

    def test_the_thumbnail_is_the_same_drawing_smaller(self):
        _svg, root = render(size="thumbnail")
        full = render()[1]
        self.assertLess(int(root.get("viewBox").split()[2]), int(full.get("viewBox").split()[2]))
        self.assertIn("Dr Janssens", texts(root))
        self.assertEqual(len(ties(root, "broken")), 1)
        self.assertNotIn("Legend", texts(root))
        self.assertEqual(root.findtext(f"{SVG}desc"), full.findtext(f"{SVG}desc"))

    def test_an_empty_network_still_draws_the_person(self):
        _svg, root = render([actor("Louis Lambert", "person")])
        self.assertIn("Louis Lambert", texts(root))
        self.assertIn("No informal actor recorded.", texts(root))
        self.assertIn("Network of Louis Lambert: 0 actors", root.findtext(f"{SVG}desc"))

    def test_beyond_forty_actors_it_draws_the_most_recent_contacts(self):
        actors = [
            actor(f"Actor {i:03}", "informal", last_contact_on=TODAY - timedelta(days=i))
            for i in range(200)
        ]
        started = time.perf_counter()
        _svg, root = render(actors)
        self.assertLess(time.perf_counter() - started, 1.0)
        drawn = texts(root)
        self.assertEqual(len(ties(root, "unknown")), MAX_DRAWN)
        self.assertIn(f"Actor {MAX_DRAWN - 1:03}", drawn)
        self.assertNotIn(f"Actor {MAX_DRAWN:03}", drawn)
        self.assertIn("+160 more actors, not drawn", drawn)
        self.assertIn("200 actors", root.findtext(f"{SVG}desc"))

    def test_one_to_forty_actors_all_render(self):
        for count in (1, 2, 5, 13, 40):
            actors = [actor(f"F{i}", quality="strong") for i in range(count // 2)]
            actors += [actor(f"I{i}", "informal") for i in range(count - count // 2)]
            _svg, root = render(actors)
            self.assertEqual(sum(1 for g in root.iter(f"{SVG}g") if g.get("data-quality")), count)

    def test_the_description_is_a_list_of_phrases(self):
        phrases = describe("Louis Lambert", network(), today=TODAY)
        self.assertEqual(phrases[0], "Network of Louis Lambert: 6 actors")
        self.assertIn("broken: CPAS d'Ixelles (Maison médicale du Midi)", phrases)

    def test_actors_without_sector_relation_or_quality_are_still_drawn(self):
        actors = [actor("Sans secteur", sector=""), actor("Sans lien", "informal", relation="")]
        _svg, root = render(actors)
        drawn = texts(root)
        self.assertIn("Sector not recorded (1)", drawn)
        self.assertIn("Relation not recorded (1)", drawn)
        self.assertEqual(len(ties(root, "unknown")), 2)

    def test_only_the_two_sizes_exist(self):
        with self.assertRaises(ValueError):
            render(size="poster")
