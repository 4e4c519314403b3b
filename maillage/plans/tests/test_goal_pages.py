"""Writing the person's goals in their own words, and editing them."""

from maillage.audit.models import AuditEvent
from maillage.cases.models import Case
from maillage.plans.models import Goal

from .base import PlanTestCase


class GoalPagesTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.new_url = f"{self.plan_url}goals/new/"

    def goal_body(self, **fields):
        return {
            "own_words": "Ne plus avoir peur d'ouvrir mon courrier",
            "reformulation": "Reprendre la gestion administrative",
            "priority": "1",
            "status": "open",
            "life_domains": ["administrative", "income"],
            "category": "plan",
            **fields,
        }

    def test_a_worker_adds_a_goal_in_the_persons_words(self):
        self.login(self.camille)
        page = self.client.get(self.new_url)
        self.assertContains(page, "own words")
        response = self.client.post(self.new_url, self.goal_body())
        self.assertRedirects(response, self.plan_url)
        goal = self.case.goals.get()
        self.assertEqual(goal.own_words, "Ne plus avoir peur d'ouvrir mon courrier")
        self.assertEqual((goal.priority, goal.life_domains), (1, ["administrative", "income"]))
        event = AuditEvent.objects.get(verb="goal.added")
        self.assertEqual((event.part, event.target_id), ("goals", str(goal.pk)))
        self.assertContains(self.client.get(self.plan_url), "Ne plus avoir peur")

    def test_the_programmes_domains_are_offered_first(self):
        self.brusano.life_domains = ["housing", "income"]
        self.brusano.save()
        self.login(self.camille)
        content = self.client.get(self.new_url).content.decode()
        self.assertLess(content.index('value="housing"'), content.index('value="physical_health"'))
        self.assertLess(content.index('value="income"'), content.index('value="mental_health"'))

    def test_the_persons_words_are_required(self):
        self.login(self.camille)
        response = self.client.post(self.new_url, self.goal_body(own_words="  "))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error("own_words"))
        self.assertFalse(Goal.objects.exists())

    def test_an_unknown_life_domain_is_refused(self):
        self.login(self.camille)
        response = self.client.post(self.new_url, self.goal_body(life_domains=["astrology"]))
        self.assertTrue(response.context["form"].has_error("life_domains"))

    def test_an_outsider_gets_404_and_an_organiser_403(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.new_url).status_code, 404)
        self.assertEqual(self.client.post(self.new_url, self.goal_body()).status_code, 404)
        self.login(self.olivier)
        self.assertEqual(self.client.get(self.new_url).status_code, 403)
        self.assertEqual(self.client.post(self.new_url, self.goal_body()).status_code, 403)
        self.assertFalse(Goal.objects.exists())

    def test_a_closed_case_takes_no_new_goal(self):
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        self.login(self.camille)
        self.assertEqual(self.client.post(self.new_url, self.goal_body()).status_code, 403)

    def test_editing_a_goal_changes_its_status(self):
        goal = self.add_goal()
        self.login(self.noor)
        url = f"{self.plan_url}goals/{goal.pk}/"
        self.assertContains(self.client.get(url), "Retrouver un logement à moi")
        body = self.goal_body(own_words=goal.own_words, status="reached", version=goal.version)
        self.assertRedirects(self.client.post(url, body), self.plan_url)
        goal.refresh_from_db()
        self.assertEqual((goal.status, goal.version), ("reached", 2))
        event = AuditEvent.objects.get(verb="goal.changed")
        self.assertIn("status", event.changes)
        self.assertNotIn("reached", event.changes)

    def test_a_stale_edit_is_refused_and_the_text_kept(self):
        goal = self.add_goal()
        url = f"{self.plan_url}goals/{goal.pk}/"
        self.login(self.noor)
        self.client.post(url, self.goal_body(own_words="Version de Noor", version=1))
        self.login(self.camille)
        response = self.client.post(url, self.goal_body(own_words="Version de Camille", version=1))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Version de Camille")  # the user's text is kept
        self.assertContains(response, "Version de Noor")  # the current version is shown
        self.assertEqual(response.context["form"]["version"].value(), "2")
        goal.refresh_from_db()
        self.assertEqual((goal.own_words, goal.version), ("Version de Noor", 2))
        # Saving again, now knowingly based on version 2, goes through.
        self.client.post(url, self.goal_body(own_words="Version de Camille", version=2))
        goal.refresh_from_db()
        self.assertEqual(goal.own_words, "Version de Camille")

    def test_a_goal_of_another_case_is_not_found(self):
        other = self.open_case()
        self.login(self.camille)
        goal = self.add_goal()
        self.assertEqual(
            self.client.get(f"/cases/{other.pk}/plan/goals/{goal.pk}/").status_code, 404
        )
