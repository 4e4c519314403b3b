"""Planning actions: who does what, when, how, with whom; quick status changes."""

from maillage.audit.models import AuditEvent
from maillage.network.models import Actor
from maillage.plans.models import Action

from .base import PlanTestCase, days


class ActionPagesTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.new_url = f"{self.plan_url}actions/new/"

    def body(self, **fields):
        return {
            "what": "Prendre rendez-vous au CPAS",
            "owner": str(self.person_actor.pk),
            "with_actors": [str(self.camille_actor.pk)],
            "with_whom": "sa sœur",
            "how": "Par téléphone, le matin",
            "due_on": days(14).isoformat(),
            "status": "planned",
            "goal": "",
            "follow_up": "",
            "category": "plan",
            **fields,
        }

    def test_a_worker_plans_an_action_for_a_goal(self):
        goal = self.add_goal()
        self.login(self.camille)
        page = self.client.get(f"{self.new_url}?goal={goal.pk}")
        self.assertEqual(page.context["form"]["goal"].value(), str(goal.pk))
        response = self.client.post(self.new_url, self.body(goal=str(goal.pk)))
        action = self.case.actions.get()
        self.assertRedirects(response, f"{self.plan_url}#action-{action.pk}")
        self.assertEqual(
            (action.owner, action.goal, action.due_on), (self.person_actor, goal, days(14))
        )
        self.assertEqual(list(action.with_actors.all()), [self.camille_actor])
        self.assertEqual(AuditEvent.objects.get(verb="action.added").part, "actions")

    def test_only_current_actors_of_the_case_are_offered(self):
        gone = self.add_actor("Ancien éducateur", ended_on=days(-2))
        stranger = self.open_case().actors.get(kind=Actor.Kind.PERSON)
        self.login(self.camille)
        owners = list(self.client.get(self.new_url).context["form"].fields["owner"].queryset)
        self.assertIn(self.person_actor, owners)
        self.assertNotIn(gone, owners)
        for actor in (gone, stranger):
            response = self.client.post(self.new_url, self.body(owner=str(actor.pk)))
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.context["form"].has_error("owner"))
        self.assertFalse(Action.objects.exists())

    def test_what_is_required(self):
        self.login(self.camille)
        response = self.client.post(self.new_url, self.body(what=""))
        self.assertTrue(response.context["form"].has_error("what"))

    def test_an_outsider_gets_404_and_an_organiser_403(self):
        action = self.add_action()
        urls = [self.new_url, f"{self.plan_url}actions/{action.pk}/"]
        for user, status in ((self.bob, 404), (self.olivier, 403)):
            self.login(user)
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, status, (user, url))
                self.assertEqual(self.client.post(url, self.body()).status_code, status)
            status_url = f"{self.plan_url}actions/{action.pk}/status/"
            response = self.client.post(status_url, {"status": "done", "version": 1})
            self.assertEqual(response.status_code, status)
        action.refresh_from_db()
        self.assertEqual((action.status, action.version), ("planned", 1))

    def test_editing_keeps_an_owner_who_has_left(self):
        helper = self.add_actor("Voisine", kind=Actor.Kind.INFORMAL)
        action = self.add_action(owner=helper)
        Actor.objects.filter(pk=helper.pk).update(ended_on=days(-1))
        self.login(self.noor)
        url = f"{self.plan_url}actions/{action.pk}/"
        response = self.client.post(
            url, self.body(owner=str(helper.pk), status="done", version=action.version)
        )
        self.assertEqual(
            response.status_code, 302, response.context and response.context["form"].errors
        )
        action.refresh_from_db()
        self.assertEqual((action.status, action.owner), ("done", helper))

    def test_a_stale_edit_is_refused_keeping_the_text_and_showing_the_current_version(self):
        action = self.add_action()
        url = f"{self.plan_url}actions/{action.pk}/"
        self.login(self.noor)
        self.client.post(url, self.body(what="Texte de Noor", version=1))
        self.login(self.camille)
        response = self.client.post(url, self.body(what="Texte de Camille", version=1))
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, "Texte de Camille")
        self.assertContains(response, "Texte de Noor")
        action.refresh_from_db()
        self.assertEqual((action.what, action.version), ("Texte de Noor", 2))


class ActionStatusTests(PlanTestCase):
    def setUp(self):
        super().setUp()
        self.action = self.add_action(due_on=days(-3))
        self.url = f"{self.plan_url}actions/{self.action.pk}/status/"

    def test_without_javascript_the_status_changes_and_the_plan_shows_again(self):
        self.login(self.camille)
        response = self.client.post(self.url, {"status": "done", "version": 1})
        self.assertRedirects(response, f"{self.plan_url}#action-{self.action.pk}")
        self.action.refresh_from_db()
        self.assertEqual((self.action.status, self.action.version), ("done", 2))
        event = AuditEvent.objects.get(verb="action.changed")
        self.assertEqual(event.changes, ["status"])

    def test_with_htmx_the_row_is_swapped(self):
        self.login(self.camille)
        response = self.client.post(
            self.url, {"status": "in_progress", "version": 1}, HTTP_HX_REQUEST="true"
        )
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertTrue(
            content.lstrip().startswith(f'<tr id="action-{self.action.pk}" class="overdue"')
        )
        self.assertIn('value="in_progress" selected', content)
        self.assertIn('value="2"', content)  # the next change is based on the new version
        self.assertNotIn("<html", content)

    def test_done_actions_no_longer_stand_out(self):
        self.login(self.camille)
        response = self.client.post(
            self.url, {"status": "done", "version": 1}, HTTP_HX_REQUEST="true"
        )
        self.assertNotIn("overdue", response.content.decode())

    def test_a_stale_status_change_is_refused_in_the_row(self):
        self.login(self.camille)
        self.client.post(self.url, {"status": "in_progress", "version": 1})
        response = self.client.post(
            self.url, {"status": "dropped", "version": 1}, HTTP_HX_REQUEST="true"
        )
        self.assertContains(response, "Someone else changed this record")
        self.assertContains(response, 'value="in_progress" selected')
        self.action.refresh_from_db()
        self.assertEqual((self.action.status, self.action.version), ("in_progress", 2))

    def test_an_unknown_status_is_refused(self):
        self.login(self.camille)
        response = self.client.post(self.url, {"status": "forgotten", "version": 1}, follow=True)
        self.assertContains(response, "Choose a status from the list.")
        self.action.refresh_from_db()
        self.assertEqual(self.action.status, "planned")
