"""The page of a conference's funding conditions, before and after the meeting."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maillage.audit.models import AuditEvent

from ..models import Conference, Invitation
from .test_funding_base import FundingTestCase


class FundingCheckPageTests(FundingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.held, cls.actors = cls.funded_conference()
        cls.url = reverse("conferences:funding_check", kwargs={"conference_id": cls.held.pk})

    def get(self, user, url=None, language="en"):
        self.login(user)
        return self.client.get(url or self.url, HTTP_ACCEPT_LANGUAGE=language)

    def test_it_lists_each_condition_met_at_both_stages(self):
        response = self.get(self.camille)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Funding conditions</h1>", html=True)
        self.assertContains(response, "Before the meeting")
        self.assertContains(response, "After the meeting")
        self.assertContains(response, "At least one mental-health professional was present (2).")
        self.assertContains(response, "A follow-up conference is planned on")
        self.assertNotContains(response, "alert-warning")
        self.assertContains(response, reverse("cases:detail", kwargs={"case_id": self.case.pk}))

    def test_an_unmet_condition_is_flagged_with_its_reason(self):
        self.held.invitations.filter(actor__sector="mental_health").update(
            attendance=Invitation.Attendance.ABSENT
        )
        self.invite(self.held, self.professional("CPAS", "social", "assistante sociale"))
        response = self.get(self.camille)
        self.assertContains(response, 'class="alert alert-warning"', count=1)
        self.assertContains(response, "1 condition is not met:")
        self.assertContains(response, "No mental-health professional was present.", count=2)

    def test_it_is_in_the_users_language(self):
        response = self.get(self.camille, language="nl")
        self.assertContains(response, "Minstens één eerstelijnsprofessional aanwezig")

    def test_a_conference_under_no_scheme_says_so(self):
        other = Conference.objects.create(
            case=self.case, starts_at=self.held.starts_at, organiser=self.camille
        )
        url = reverse("conferences:funding_check", kwargs={"conference_id": other.pk})
        response = self.get(self.camille, url)
        self.assertContains(response, "not marked as falling under a funding scheme")

    def test_the_organiser_and_the_team_lead_may_read_it(self):
        self.assertEqual(self.get(self.olivier).status_code, 200)
        self.assertEqual(self.get(self.lea).status_code, 200)

    def test_another_team_gets_404(self):
        response = self.get(self.bob)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Secretname", status_code=404)

    def test_the_read_is_audited_as_a_read_of_the_conference(self):
        self.get(self.noor)
        event = AuditEvent.objects.filter(verb="conference.viewed").latest("seq")
        self.assertEqual(event.actor_id, self.noor.pk)
        self.assertEqual(event.case_id, self.case.pk)
        self.assertEqual(event.target_id, str(self.held.pk))

    def test_the_query_count_does_not_grow_with_the_network_or_history(self):
        self.login(self.camille)
        with CaptureQueriesContext(connection) as small:
            self.client.get(self.url)
        for n in range(5):
            self.invite(self.held, self.professional(f"Extra {n}", "social", f"métier {n}"))
            self.conference(self.held.starts_at - timedelta(days=30 * (n + 1)))
            self.consent()
        with CaptureQueriesContext(connection) as large:
            self.client.get(self.url)
        self.assertEqual(len(large), len(small))
