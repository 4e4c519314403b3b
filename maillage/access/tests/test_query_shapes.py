"""Access checks are correlated EXISTS conditions, which the indexes on a record's person,
case or request serve, never "among everything the user may see"; a page's queries do
not grow with what the user may see."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage import access
from maillage.testing import MaillageTestCase


class QueryShapeTests(MaillageTestCase):
    def test_visible_persons_conferences_and_referrals_are_exists_conditions(self):
        for user in (self.camille, self.lea, self.olivier):  # each sees cases
            for queryset in (
                access.persons_visible_to(user),
                access.conferences_visible_to(user),
                access.referrals_visible_to(user),
                access.unmet_needs_visible_to(user),
            ):
                sql = str(queryset.query)
                self.assertIn("EXISTS", sql, queryset.model)
                self.assertNotIn(" IN (SELECT", sql, queryset.model)

    def person_page(self, person) -> int:
        self.login(self.ines)
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(f"/persons/{person.pk}/")
        self.assertEqual(page.status_code, 200)
        return len(queries.captured_queries)

    def test_the_person_page_queries_do_not_grow_with_the_visible_requests(self):
        person = self.record(self.brusano, self.ines).person
        first = self.person_page(person)
        for _ in range(5):
            self.record(self.brusano, self.ines)
        self.record(self.brustars, self.ines, person=person)
        self.assertEqual(self.person_page(person), first)
