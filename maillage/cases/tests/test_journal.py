"""The journal: write, search within the case, correct without overwriting others."""

from datetime import timedelta

from django.utils import timezone

from maillage.audit.models import AuditEvent
from maillage.casefile import actions as casefile_actions
from maillage.cases import actions
from maillage.cases.models import JournalEntry
from maillage.testing import MaillageTestCase


class JournalTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = support_request.case

    def write(self, **data):
        form = {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "kind": "home_visit",
            "duration_minutes": "45",
            "participants": "Camille, the sister",
            "text": "Visit.",
            "category": "journal",
            **data,
        }
        return self.client.post(
            f"/cases/{self.case.pk}/journal/new/", form, HTTP_ACCEPT_LANGUAGE="en"
        )

    def test_a_worker_writes_an_entry_and_it_is_audited(self):
        self.login(self.camille)
        self.assertEqual(self.write(text="Fridge empty; called the CPAS.").status_code, 302)
        entry = JournalEntry.objects.get()
        self.assertEqual(
            (entry.kind, entry.duration_minutes, entry.author), ("home_visit", 45, self.camille)
        )
        event = AuditEvent.objects.get(verb="journal.written")
        self.assertEqual((event.part, event.case_id), ("journal", self.case.pk))

    def test_the_text_is_required(self):
        self.login(self.camille)
        response = self.write(text="")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required.")

    def test_search_finds_words_within_this_case_only(self):
        other = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            other, by=self.ines, kind="accept", case_workers=[self.camille]
        )
        actions.add_journal_entry(
            self.case, by=self.camille, kind="note", text="Appel au CPAS d'Ixelles."
        )
        actions.add_journal_entry(
            self.case, by=self.camille, kind="note", text="Visite du médecin."
        )
        actions.add_journal_entry(other.case, by=self.camille, kind="note", text="CPAS elsewhere.")
        self.login(self.camille)
        content = self.client.get(f"/cases/{self.case.pk}/journal/", {"q": "cpas"}).content.decode()
        self.assertIn("Ixelles", content)
        self.assertNotIn("médecin", content)
        self.assertNotIn("elsewhere", content)

    def test_a_stale_correction_is_refused_and_the_text_kept(self):
        entry = actions.add_journal_entry(self.case, by=self.camille, kind="note", text="First.")
        actions.update_journal_entry(entry, by=self.noor, version=1, text="Noor's version.")
        self.login(self.camille)
        response = self.client.post(
            f"/cases/{self.case.pk}/journal/{entry.pk}/",
            {
                "occurred_at": "2026-01-01T10:00",
                "kind": "note",
                "text": "Camille's careful text.",
                "category": "journal",
                "version": "1",
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Camille&#x27;s careful text.")
        entry.refresh_from_db()
        self.assertEqual(entry.text, "Noor's version.")

    def test_the_journal_page_costs_the_same_with_many_entries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.camille)
        for _ in range(3):
            actions.add_journal_entry(self.case, by=self.camille, kind="note", text="x")

        def count() -> int:
            with CaptureQueriesContext(connection) as context:
                self.client.get(f"/cases/{self.case.pk}/journal/")
            return len(context.captured_queries)

        before = count()
        start = timezone.now() - timedelta(days=400)
        JournalEntry.objects.bulk_create(
            JournalEntry(
                case=self.case,
                author=self.noor,
                kind="note",
                text=f"n{i}",
                occurred_at=start + timedelta(hours=i),
            )
            for i in range(300)
        )
        self.assertEqual(count(), before)
