"""The intake journey through the pages: record, read the criteria, answer."""

from datetime import date, timedelta

from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.intake.models import SupportRequest
from maillage.people.models import Person
from maillage.testing import MaillageTestCase, make_person


def new_request_form(**overrides: str) -> dict[str, str]:
    data = {
        "programme": "brusano",
        "given_name": "Fatima",
        "family_name": "Benali",
        "birth_date": "1971-03-02",
        "residence": "21015",
        "phone": "",
        "summary": "Isolated, debts, the home-care nurse is worried.",
        "what_is_asked": "Someone to coordinate.",
        "channel": "phone",
        "received_at": "",
        "fact_living_situation": "home",
        "requesters-TOTAL_FORMS": "3",
        "requesters-INITIAL_FORMS": "0",
        "requesters-MIN_NUM_FORMS": "0",
        "requesters-MAX_NUM_FORMS": "10",
        "requesters-0-kind": "professional",
        "requesters-0-organisation": "CPAS de Schaerbeek",
        "requesters-0-sector": "social",
    }
    return {**data, **overrides}


class RecordRequestTests(MaillageTestCase):
    def test_recording_a_request_creates_the_person_and_evaluates_the_criteria(self):
        self.login(self.ines)
        response = self.client.post("/requests/new/", new_request_form())
        support_request = SupportRequest.objects.get()
        self.assertRedirects(response, f"/requests/{support_request.pk}/")
        self.assertEqual(support_request.person.family_name, "Benali")
        self.assertEqual(support_request.eligibility_outcome, "eligible")
        self.assertEqual(support_request.requesters.get().organisation, "CPAS de Schaerbeek")
        expected_due = support_request.received_at + timedelta(hours=48)
        self.assertEqual(support_request.answer_due, expected_due)

    def test_the_request_page_shows_each_criterion_and_the_time_left(self):
        self.login(self.ines)
        self.client.post("/requests/new/", new_request_form(fact_living_situation=""))
        page = self.client.get(
            f"/requests/{SupportRequest.objects.get().pk}/", HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(page, "Lives at home")
        self.assertContains(page, "incomplete")
        self.assertContains(page, "Missing facts")
        self.assertContains(page, "left")

    def test_a_likely_duplicate_is_shown_before_creating_a_person(self):
        known = make_person(given_name="Fatima", family_name="Bénali", birth_date=date(1971, 3, 2))
        self.record(self.brusano, self.ines, known)
        self.login(self.ines)
        response = self.client.post("/requests/new/", new_request_form())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, str(known.pk))
        self.assertEqual(SupportRequest.objects.count(), 1)

    def test_swapped_names_and_a_typo_are_still_recognised(self):
        known = make_person(
            given_name="Mohamed", family_name="El Amrani", birth_date=date(1990, 1, 5)
        )
        self.record(self.brusano, self.ines, known)
        self.login(self.ines)
        response = self.client.get(
            "/requests/new/duplicates/",
            {"given_name": "El Amrany", "family_name": "Mohamed", "birth_date": "1990-01-05"},
        )
        self.assertContains(response, str(known.pk))

    def test_choosing_the_known_person_links_the_request_to_them(self):
        known = make_person(given_name="Fatima", family_name="Benali", birth_date=date(1971, 3, 2))
        self.record(self.brusano, self.ines, known)
        self.login(self.ines)
        self.client.post("/requests/new/", new_request_form(existing_person=str(known.pk)))
        self.assertEqual(Person.objects.count(), 1)
        self.assertEqual(SupportRequest.objects.filter(person=known).count(), 2)

    def test_confirming_another_person_creates_them(self):
        known = make_person(given_name="Fatima", family_name="Benali", birth_date=date(1971, 3, 2))
        self.record(self.brusano, self.ines, known)
        self.login(self.ines)
        self.client.post("/requests/new/", new_request_form(existing_person="new"))
        self.assertEqual(Person.objects.count(), 2)

    def test_persons_of_other_teams_are_not_offered_as_duplicates(self):
        hidden = make_person(given_name="Fatima", family_name="Benali", birth_date=date(1971, 3, 2))
        self.record(self.dune, self.ines, hidden)  # a Bru-Stars team programme
        self.login(self.camille)  # Brusano only
        response = self.client.post("/requests/new/", new_request_form())
        self.assertEqual(response.status_code, 302)

    def test_a_request_received_in_the_future_is_refused_with_the_field_named(self):
        self.login(self.ines)
        future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(
            "/requests/new/", new_request_form(received_at=future), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "cannot be received in the future")
        self.assertFalse(SupportRequest.objects.exists())

    def test_a_programme_of_another_team_cannot_be_chosen(self):
        self.login(self.camille)
        response = self.client.post("/requests/new/", new_request_form(programme="dune-liaison"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(SupportRequest.objects.exists())


class AnswerRequestTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.support_request = cls.record(cls.brusano, cls.ines)

    def post_answer(self, **data: str):
        self.login(self.ines)
        form = {"version": str(self.support_request.version), **data}
        return self.client.post(
            f"/requests/{self.support_request.pk}/answer/", form, HTTP_ACCEPT_LANGUAGE="en"
        )

    def test_accepting_opens_a_case_held_by_the_pair(self):
        response = self.post_answer(
            decision="accept", case_workers=[str(self.camille.pk), str(self.noor.pk)]
        )
        self.assertRedirects(response, f"/requests/{self.support_request.pk}/")
        case = Case.objects.get(support_request=self.support_request)
        self.assertEqual(
            set(case.workers.values_list("user__username", flat=True)), {"camille", "noor"}
        )
        self.assertEqual(case.phase, "exploration")
        self.assertIsNotNone(case.next_review)
        self.assertTrue(AuditEvent.objects.filter(verb="case.opened", case_id=case.pk).exists())

    def test_refusing_needs_a_reason(self):
        response = self.post_answer(decision="refuse", reason="")
        self.assertContains(response, "Give the reason for this answer.")
        self.support_request.refresh_from_db()
        self.assertEqual(self.support_request.status, "open")

    def test_orienting_needs_a_target(self):
        response = self.post_answer(decision="orient", reason="Housing first.")
        self.assertContains(response, "Say where the person is oriented.")

    def test_a_refused_request_leaves_the_open_queue(self):
        self.post_answer(decision="refuse", reason="Lives in Flemish Brabant.")
        self.support_request.refresh_from_db()
        self.assertEqual(self.support_request.status, "answered")
        queue = self.client.get("/requests/?tab=open")
        self.assertNotContains(queue, str(self.support_request.pk))

    def test_a_worker_of_another_team_cannot_hold_the_case(self):
        response = self.post_answer(decision="accept", case_workers=[str(self.bob.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Case.objects.exists())

    def test_a_stale_answer_is_refused_and_nothing_is_lost(self):
        self.support_request.version += 5
        response = self.post_answer(decision="refuse", reason="My careful reason.")
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "My careful reason.")

    def test_an_answered_request_cannot_be_answered_again(self):
        self.post_answer(decision="refuse", reason="First answer.")
        self.support_request.refresh_from_db()
        response = self.post_answer(decision="accept", case_workers=[str(self.camille.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Case.objects.exists())


class OverrideAndFactsTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.support_request = cls.record(
            cls.brusano, cls.ines, facts={"living_situation": "institution"}
        )

    def test_the_override_needs_a_justification_and_is_audited(self):
        self.login(self.camille)
        url = f"/requests/{self.support_request.pk}/override/"
        response = self.client.post(
            url,
            {"outcome": "eligible", "justification": "", "version": "1"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "Write why the outcome differs")
        self.client.post(
            url, {"outcome": "eligible", "justification": "Discharged next week.", "version": "1"}
        )
        self.support_request.refresh_from_db()
        self.assertEqual(self.support_request.outcome, "eligible")
        self.assertEqual(self.support_request.eligibility_outcome, "not_eligible")
        self.assertTrue(AuditEvent.objects.filter(verb="request.outcome_overridden").exists())

    def test_new_facts_are_evaluated_again(self):
        self.login(self.camille)
        url = f"/requests/{self.support_request.pk}/facts/"
        self.client.post(url, {"fact_living_situation": "home", "version": "1", "clarified": "on"})
        self.support_request.refresh_from_db()
        self.assertEqual(self.support_request.eligibility_outcome, "eligible")
        self.assertIsNotNone(self.support_request.clarified_at)

    def test_two_workers_editing_the_facts_do_not_overwrite_each_other(self):
        self.login(self.camille)
        url = f"/requests/{self.support_request.pk}/facts/"
        self.client.post(url, {"fact_living_situation": "home", "version": "1"})
        response = self.client.post(
            url, {"fact_living_situation": "street", "version": "1"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "Someone else changed this record")
        self.support_request.refresh_from_db()
        self.assertEqual(self.support_request.facts, {"living_situation": "home"})


class QueueTests(MaillageTestCase):
    def test_what_is_due_first_comes_first_and_overdue_stands_out(self):
        now = timezone.now()
        later = self.record(self.em107, self.ines, received_at=now)  # due in 14 days
        overdue = self.record(self.brusano, self.ines, received_at=now - timedelta(days=3))
        soon = self.record(self.brusano, self.ines, received_at=now - timedelta(hours=40))
        no_deadline = self.record(self.brustars, self.ines, received_at=now - timedelta(days=30))
        self.login(self.ines)
        content = self.client.get("/requests/").content.decode()
        positions = [content.index(str(r.pk)) for r in (overdue, soon, later, no_deadline)]
        self.assertEqual(positions, sorted(positions))
        self.assertIn('class="overdue"', content)
        overdue_tab = self.client.get("/requests/?tab=overdue").content.decode()
        self.assertIn(str(overdue.pk), overdue_tab)
        self.assertNotIn(str(soon.pk), overdue_tab)

    def test_the_queue_and_a_request_page_cost_the_same_with_more_data(self):
        from maillage.intake.actions import RequesterData

        self.login(self.ines)
        for _ in range(3):
            self.record(self.brusano, self.ines)
        few = self.record(self.brusano, self.ines)
        queue_before = self.count_queries("/requests/")
        detail_before = self.count_queries(f"/requests/{few.pk}/")
        for _ in range(25):
            self.record(self.brusano, self.ines)
        many = self.record(
            self.brusano,
            self.ines,
            requesters=[RequesterData("professional", f"Org {i}") for i in range(8)],
        )
        self.assertEqual(self.count_queries("/requests/"), queue_before)
        self.assertEqual(self.count_queries(f"/requests/{many.pk}/"), detail_before)

    def count_queries(self, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)
