"""The agenda: prepared from the plan and the previous conference, then edited."""

from django.core.exceptions import ValidationError

from maillage.audit.models import AuditEvent
from maillage.conferences import meeting, queries
from maillage.plans import actions as plan_actions
from maillage.plans.models import Goal

from .test_meeting_base import MeetingTestCase, days


class PrepareAgendaTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.goal = plan_actions.add_goal(
            self.case,
            plan_actions.GoalData("Retrouver un logement à moi", category="housing"),
            by=self.camille,
        )
        plan_actions.add_goal(
            self.case,
            plan_actions.GoalData("Reprendre le sport", status="reached"),
            by=self.camille,
        )
        self.overdue = self.action("Remplir le dossier AIS", days(-5), category="housing")
        self.soon = self.action("Rendez-vous chez le psychiatre", days(20), "mental_health")
        self.action("Renouveler la carte d'identité", days(90))
        self.action("Déjà fait", days(1), status="done")

    def action(self, what, due_on, category="plan", **fields):
        data = plan_actions.ActionData(
            what=what, owner=self.person, due_on=due_on, category=category, **fields
        )
        return plan_actions.add_action(self.case, data, by=self.camille)

    def titles(self):
        return [item.title for item in queries.agenda_of(self.conference)]

    def test_it_proposes_open_goals_and_actions_overdue_or_due_within_30_days(self):
        added = meeting.prepare_agenda(self.conference, by=self.camille)
        self.assertEqual(added, 3)
        self.assertEqual(
            self.titles(),
            [
                "Retrouver un logement à moi",
                "Remplir le dossier AIS",
                "Rendez-vous chez le psychiatre",
            ],
        )
        goal_item, overdue_item, soon_item = queries.agenda_of(self.conference)
        self.assertEqual((goal_item.goal, goal_item.category), (self.goal, "housing"))
        self.assertEqual((overdue_item.action, overdue_item.category), (self.overdue, "housing"))
        self.assertEqual(soon_item.category, "mental_health")

    def test_it_proposes_the_earlier_decisions_awaiting_evaluation(self):
        first = self.make_conference(hours_ago=24 * 60)
        decided = self.decide("Accompagner Louis au CPAS", "income", conference=first)
        self.decide("Plus tard", due_on=days(200), conference=first)
        self.hold(first)
        meeting.prepare_agenda(self.conference, by=self.camille)
        # The first decision's action is due soon: it comes once, as an action.
        self.assertEqual(self.titles().count("Accompagner Louis au CPAS"), 1)
        self.assertIn("Plus tard", self.titles())
        item = queries.agenda_of(self.conference).get(title="Accompagner Louis au CPAS")
        self.assertEqual((item.action_id, item.category), (decided.action_id, "income"))

    def test_preparing_twice_adds_nothing_new(self):
        meeting.prepare_agenda(self.conference, by=self.camille)
        self.assertEqual(meeting.prepare_agenda(self.conference, by=self.camille), 0)
        self.assertEqual(len(self.titles()), 3)

    def test_items_already_there_stay_first(self):
        self.item("Accueil", "plan")
        meeting.prepare_agenda(self.conference, by=self.camille)
        self.assertEqual(self.titles()[0], "Accueil")

    def test_it_is_audited(self):
        meeting.prepare_agenda(self.conference, by=self.camille)
        event = AuditEvent.objects.get(verb="conference.agenda_changed")
        self.assertEqual((event.target_id, event.part), (str(self.conference.pk), "conferences"))


class EditAgendaTests(MeetingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.first = self.item("Logement", "housing")
        self.second = self.item("Santé", "mental_health")
        self.third = self.item("Divers", "plan")

    def order(self):
        return [item.title for item in queries.agenda_of(self.conference)]

    def test_an_item_is_edited_with_its_notes(self):
        data = meeting.AgendaItemData("Logement social", "housing", "Dossier complet.")
        meeting.change_agenda_item(self.first, data, by=self.noor, version=1)
        self.first.refresh_from_db()
        self.assertEqual(
            (self.first.title, self.first.notes), ("Logement social", "Dossier complet.")
        )
        self.assertEqual(self.first.version, 2)

    def test_a_stale_edit_is_refused(self):
        data = meeting.AgendaItemData("Logement social", "housing", "A")
        meeting.change_agenda_item(self.first, data, by=self.noor, version=1)
        with self.assertRaises(meeting.StaleVersion):
            meeting.change_agenda_item(
                self.first, meeting.AgendaItemData("X", "plan", "B"), by=self.camille, version=1
            )
        self.first.refresh_from_db()
        self.assertEqual(self.first.notes, "A")

    def test_items_move_up_and_down(self):
        meeting.move_agenda_item(self.third, up=True, by=self.camille)
        self.assertEqual(self.order(), ["Logement", "Divers", "Santé"])
        self.first.refresh_from_db()
        meeting.move_agenda_item(self.first, up=False, by=self.camille)
        self.assertEqual(self.order(), ["Divers", "Logement", "Santé"])
        self.first.refresh_from_db()
        meeting.move_agenda_item(self.first, up=False, by=self.camille)
        meeting.move_agenda_item(self.first, up=False, by=self.camille)  # already last
        self.assertEqual(self.order(), ["Divers", "Santé", "Logement"])

    def test_an_item_is_removed_until_the_meeting_is_closed(self):
        meeting.remove_agenda_item(self.second, by=self.camille)
        self.assertEqual(self.order(), ["Logement", "Divers"])
        self.hold()
        with self.assertRaises(ValidationError):
            meeting.remove_agenda_item(self.first, by=self.camille)

    def test_an_item_needs_a_title_and_a_known_category(self):
        with self.assertRaises(ValidationError) as raised:
            self.item("", "astrology")
        self.assertEqual(set(raised.exception.message_dict), {"title", "category"})

    def test_an_item_links_only_to_this_case(self):
        other = self.record(self.brusano, self.ines)
        from maillage.casefile import actions as casefile_actions

        casefile_actions.answer_request(
            other, by=self.ines, kind="accept", case_workers=[self.camille]
        )
        goal = Goal.objects.create(case=other.case, own_words="Autre", created_by=self.camille)
        with self.assertRaises(ValidationError) as raised:
            self.item("Autre", "plan", goal=goal)
        self.assertIn("goal", raised.exception.message_dict)


class AgendaPageTests(MeetingTestCase):
    def url(self, name):
        return f"/conferences/{self.conference.pk}/meeting/{name}"

    def test_preparing_from_the_page_swaps_the_agenda_with_htmx(self):
        plan_actions.add_goal(self.case, plan_actions.GoalData("Un toit à moi"), by=self.camille)
        self.login(self.olivier)
        response = self.client.post(self.url("agenda/prepare/"), HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="agenda"')
        self.assertContains(response, "Un toit à moi")
        self.assertNotContains(response, "<h1")

    def test_without_javascript_it_goes_back_to_the_page(self):
        self.login(self.camille)
        response = self.client.post(self.url("agenda/prepare/"))
        self.assertRedirects(response, self.meeting_url + "#agenda", fetch_redirect_response=False)

    def test_an_item_is_added_and_its_notes_saved_in_place(self):
        self.login(self.camille)
        response = self.client.post(
            self.url("agenda/"), {"title": "Logement", "category": "housing", "notes": ""}
        )
        self.assertEqual(response.status_code, 302)
        item = queries.agenda_of(self.conference).get()
        response = self.client.post(
            self.url("agenda/"),
            {
                "item": item.pk,
                "op": "save",
                "title": "Logement",
                "category": "housing",
                "notes": "Visite prévue",
                "version": 1,
            },
            HTTP_HX_REQUEST="true",
        )
        self.assertContains(response, f'id="agenda-item-{item.pk}"')
        self.assertContains(response, "Visite prévue")
        item.refresh_from_db()
        self.assertEqual(item.notes, "Visite prévue")

    def test_moving_an_item_swaps_the_whole_agenda(self):
        first = self.item("Logement", "housing")
        self.item("Santé", "plan")
        self.login(self.camille)
        response = self.client.post(
            self.url("agenda/"), {"item": first.pk, "op": "down"}, HTTP_HX_REQUEST="true"
        )
        self.assertEqual(response["HX-Retarget"], "#agenda")
        self.assertEqual(
            [i.title for i in queries.agenda_of(self.conference)], ["Santé", "Logement"]
        )

    def test_a_stale_save_keeps_the_notes_typed(self):
        item = self.item("Logement", "housing")
        meeting.change_agenda_item(
            item,
            meeting.AgendaItemData("Logement", "housing", "Version de Noor"),
            by=self.noor,
            version=1,
        )
        self.login(self.camille)
        response = self.client.post(
            self.url("agenda/"),
            {
                "item": item.pk,
                "op": "save",
                "title": "Logement",
                "category": "housing",
                "notes": "Mes notes à moi",
                "version": 1,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Mes notes à moi")
        self.assertContains(response, "Someone else changed this record")
        item.refresh_from_db()
        self.assertEqual(item.notes, "Version de Noor")

    def test_an_item_without_a_title_is_refused_naming_the_field(self):
        self.login(self.camille)
        response = self.client.post(self.url("agenda/"), {"title": "", "category": "plan"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Give the item a title.")

    def test_an_item_of_another_conference_is_not_found(self):
        other = self.make_conference(hours_ago=100)
        from maillage.conferences.models import AgendaItem

        foreign = AgendaItem.objects.create(conference=other, position=1, title="Ailleurs")
        self.login(self.camille)
        response = self.client.post(self.url("agenda/"), {"item": foreign.pk, "op": "remove"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.post(self.url("agenda/"), {"item": "x"}).status_code, 404)

    def test_bob_does_not_find_it_and_a_closed_case_is_read_only(self):
        self.login(self.bob)
        self.assertEqual(self.client.post(self.url("agenda/prepare/")).status_code, 404)
        self.case.phase = "closed"
        self.case.save()
        self.login(self.camille)
        self.assertEqual(self.client.post(self.url("agenda/prepare/")).status_code, 403)
