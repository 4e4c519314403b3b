"""Coverage: active services and unmet needs by life domain × commune, gaps, CSV, SVG."""

import csv
import io
from xml.etree import ElementTree

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from maillage.directory.tests.test_search import InEnglish, make_catalogue, make_service
from maillage.orientation.actions import record_unmet_need
from maillage.orientation.coverage import (
    NONE,
    OK,
    SHORT,
    count_coverage,
    coverage,
    heat_map_svg,
)
from maillage.orientation.models import CoverageCell
from maillage.orientation.tasks import refresh_coverage
from maillage.testing import MaillageTestCase


class CoverageTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_catalogue(cls)

    def test_counts_by_domain_and_commune(self):
        data = count_coverage()
        self.assertEqual(len(data.cells), 11 * 19)
        self.assertEqual(data.cells["housing", "21004"].services, 1)
        self.assertEqual(data.cells["housing", "21001"].services, 0)
        self.assertEqual(data.cells["housing", "21001"].gap, NONE)
        # Debt advice names no commune: it serves all of them.
        self.assertEqual(data.cells["income", "21017"].services, 1)
        self.assertEqual(data.cells["family", "21001"].services, 1)
        # The inactive service does not count.
        self.assertEqual(data.cells["physical_health", "21015"].services, 0)
        self.assertEqual(data.cells["physical_health", "21001"].services, 1)

    def test_an_unmet_need_recorded_from_a_search_appears(self):
        client = self.login(self.camille)
        response = client.get(
            reverse("directory:search"), {"q": "logement", "domain": "housing", "commune": "21004"}
        )
        nothing_fits = response.context["nothing_fits_url"]
        form = client.get(nothing_fits)
        self.assertEqual(form.status_code, 200)
        posted = client.post(nothing_fits, {**form.context["form"].initial, "reason": "full"})
        self.assertEqual(
            posted.status_code,
            302,
            getattr(posted, "context", None) and posted.context["form"].errors,
        )
        cell = coverage().cells["housing", "21004"]
        self.assertEqual((cell.services, cell.unmet_needs), (1, 1))
        self.assertEqual(cell.gap, SHORT)
        page = client.get(reverse("directory:coverage"))
        self.assertContains(page, "1 / 1")

    def test_counting_takes_a_fixed_number_of_queries(self):
        with CaptureQueriesContext(connection) as before:
            count_coverage()
        for number in range(10):
            make_service(f"Plus {number}", domains=("housing",), communes=("21009",))
        record_unmet_need(by=self.camille, life_domain="housing", reason="full", commune="21009")
        with CaptureQueriesContext(connection) as after:
            data = count_coverage()
        self.assertEqual(len(before.captured_queries), len(after.captured_queries))
        self.assertEqual(len(after.captured_queries), 3)
        self.assertEqual(data.cells["housing", "21009"].services, 10)
        self.assertEqual(data.cells["housing", "21009"].gap, OK)

    def test_the_page_reads_the_kept_cells_in_one_query(self):
        refresh_coverage()
        with self.assertNumQueries(1):
            data = coverage()
        self.assertEqual(len(CoverageCell.objects.all()), 11 * 19)
        self.assertEqual(
            {key: (c.services, c.unmet_needs) for key, c in data.cells.items()},
            {key: (c.services, c.unmet_needs) for key, c in count_coverage().cells.items()},
        )
        self.assertIsNotNone(data.as_of)

    def test_new_services_appear_when_the_cells_are_counted_again(self):
        refresh_coverage()
        make_service("Plus", domains=("housing",), communes=("21009",))
        self.assertEqual(coverage().cells["housing", "21009"].services, 0)
        out = io.StringIO()
        call_command("refresh_coverage", stdout=out)
        self.assertIn("209 cells", out.getvalue())
        self.assertEqual(coverage().cells["housing", "21009"].services, 1)

    def test_an_unmet_need_counts_at_once(self):
        refresh_coverage()
        record_unmet_need(by=self.camille, life_domain="housing", reason="full", commune="21009")
        self.assertEqual(coverage().cells["housing", "21009"].unmet_needs, 1)
        refresh_coverage()
        self.assertEqual(coverage().cells["housing", "21009"].unmet_needs, 1)

    def test_the_page_says_when_the_cells_were_counted(self):
        page = self.login(self.ana).get(reverse("directory:coverage"))
        as_of = page.context["data"].as_of
        self.assertContains(page, timezone.localtime(as_of).strftime("%H:%M"))

    def test_csv(self):
        response = self.login(self.ana).get(reverse("directory:coverage_csv"))
        self.assertEqual(response.status_code, 200)
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual(len(rows), 11 * 19)
        row = next(r for r in rows if r["life_domain"] == "housing" and r["commune_nis"] == "21004")
        self.assertEqual((row["services"], row["unmet_needs"], row["gap"]), ("1", "0", "ok"))

    def test_svg_is_accessible_and_well_formed(self):
        svg = heat_map_svg(coverage())
        root = ElementTree.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        self.assertEqual(root.get("role"), "img")
        self.assertIsNotNone(root.find(f"{ns}title"))
        self.assertIsNotNone(root.find(f"{ns}desc"))
        cells = root.findall(f"{ns}g")
        self.assertEqual(len(cells), 11 * 19)
        self.assertTrue(all(cell.find(f"{ns}title") is not None for cell in cells))
        self.assertTrue(all(cell.find(f"{ns}text").text for cell in cells))
        response = self.login(self.zoe).get(reverse("directory:coverage_svg"))
        self.assertEqual(response["Content-Type"], "image/svg+xml; charset=utf-8")
