"""My day: each role's list holds exactly what is due for them, and nothing of cases
they may not see; its cost does not grow with the data; the page, the API, assignment
and the daily digest."""

import json
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.accounts.models import Role, User
from maillage.agenda import digest
from maillage.agenda.items import age_limits, agenda_for, transition_ages
from maillage.agenda.team import team_table
from maillage.api.tests.base import issue_tokens
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.categories import Category
from maillage.conferences.models import Conference
from maillage.intake.models import SupportRequest
from maillage.jobs.models import OutgoingEmail
from maillage.orientation.models import Referral
from maillage.partners.tests.base import partner_actor, share
from maillage.plans.models import Action
from maillage.space.models import ConsentWish
from maillage.testing import MaillageTestCase, make_person, make_user

BRUSSELS = ZoneInfo("Europe/Brussels")
SECRET = "Quintessence"  # the person's name: never in a digest, never for bob or pat


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def fresh(user: User) -> User:
    """The user without the access caches of an earlier call."""
    return User.objects.get(pk=user.pk)


def keys(items) -> set[tuple[str, str]]:
    return {(item.kind, item.url) for item in items}


def kinds(items) -> list[str]:
    return sorted(item.kind for item in items)


class AgendaCase(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()
        today = timezone.localdate()
        cls.now, cls.today = now, today
        # A Brusano case held by camille and noor.
        accepted = cls.record(
            cls.brusano, cls.ines, make_person(given_name="Zéphyrine", family_name=SECRET)
        )
        casefile_actions.answer_request(
            accepted, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        cls.case = Case.objects.get(support_request=accepted)
        Case.objects.filter(pk=cls.case.pk).update(
            next_review=today + timedelta(days=2), planned_end=today + timedelta(days=20)
        )
        cls.owner = partner_actor(cls.case, cls.pat)
        share(cls.case, cls.camille, {cls.owner: {Category.PLAN}})

        def action(what: str, due: date | None, status: str = Action.Status.PLANNED) -> Action:
            return Action.objects.create(
                case=cls.case,
                what=what,
                owner=cls.owner,
                due_on=due,
                status=status,
                created_by=cls.camille,
            )

        cls.late = action("Call the landlord", today - timedelta(days=3))
        cls.soon = action("Visit the flat", today + timedelta(days=3))
        action("Later", today + timedelta(days=30))
        action("Done", today - timedelta(days=3), Action.Status.DONE)
        action("Undated", None)

        # Conferences: one in 2 days, one in 10 days, a past one not held, a held one
        # whose minutes were sent to nobody.
        def conference(starts: datetime, status: str = Conference.Status.PLANNED) -> Conference:
            return Conference.objects.create(
                case=cls.case,
                starts_at=starts,
                organiser=cls.olivier,
                status=status,
                held_at=starts if status == Conference.Status.HELD else None,
            )

        cls.next_conf = conference(now + timedelta(days=2))
        conference(now + timedelta(days=10))
        cls.unrecorded = conference(now - timedelta(days=3))
        cls.unsent = conference(now - timedelta(days=5), Conference.Status.HELD)
        cls.wish = ConsentWish.objects.create(case=cls.case, text="Stop", created_by=cls.camille)
        ConsentWish.objects.create(
            case=cls.case, text="Done", created_by=cls.camille, status="confirmed"
        )

        def referral(changed: datetime) -> Referral:
            return Referral.objects.create(
                person=cls.case.person,
                case=cls.case,
                service_name="Service logement",
                channel="email",
                need="Un logement",
                status=Referral.Status.SENT,
                status_changed_at=changed,
                sent_at=changed,
                created_by=cls.camille,
            )

        cls.unanswered = referral(now - timedelta(days=10))
        referral(now - timedelta(days=1))
        # Open Brusano requests: due in 10 h, in 5 days, overdue; one given to camille.
        cls.r_10h = cls._request(now + timedelta(hours=10))
        cls.r_5d = cls._request(now + timedelta(days=5))
        cls.r_late = cls._request(now - timedelta(hours=2))
        cls.r_mine = cls._request(now + timedelta(days=5), assigned_to=cls.camille)
        # A Bru-Stars case held by bob: the person turns 23 (the upper age) in 3 months.
        birthday = today + timedelta(days=90)
        youth = cls.record(
            cls.brustars,
            cls.ines,
            make_person(family_name="Youngone", birth_date=_years_later(birthday, -23)),
        )
        casefile_actions.answer_request(youth, by=cls.ines, kind="accept", case_workers=[cls.bob])
        cls.youth_case = Case.objects.get(support_request=youth)
        cls.youth_birthday = birthday
        cls.brustars_request = cls._request(now + timedelta(hours=5), programme=cls.brustars)

    @classmethod
    def _request(cls, due: datetime, programme=None, **fields) -> SupportRequest:
        support_request = cls.record(programme or cls.brusano, cls.ines)
        SupportRequest.objects.filter(pk=support_request.pk).update(answer_due=due, **fields)
        return support_request

    def url(self, name: str, **kwargs) -> str:
        from django.urls import reverse

        return reverse(name, kwargs=kwargs)

    def request_key(self, support_request: SupportRequest) -> tuple[str, str]:
        return ("request_deadline", self.url("intake:detail", request_id=support_request.pk))


class RoleListTests(AgendaCase):
    def test_the_case_manager_has_exactly_what_is_due_in_their_cases_and_team(self):
        items = agenda_for(fresh(self.camille))
        plan = self.url("plans:plan", case_id=self.case.pk)
        case = self.url("cases:detail", case_id=self.case.pk)
        expected = {
            self.request_key(self.r_10h),
            self.request_key(self.r_late),
            self.request_key(self.r_mine),
            ("action_overdue", f"{plan}#action-{self.late.pk}"),
            ("action_due", f"{plan}#action-{self.soon.pk}"),
            ("review_due", case),
            ("planned_end", case),
            ("conference", self.url("conferences:detail", conference_id=self.next_conf.pk)),
            ("consent_wish", self.url("space:manage", case_id=self.case.pk)),
            ("referral_unanswered", self.url("orientation:detail", referral_id=self.unanswered.pk)),
        }
        self.assertEqual(keys(items), expected)
        self.assertEqual(len(items), len(expected))  # no duplicates

    def test_overdue_items_come_first_then_by_due_date(self):
        items = agenda_for(fresh(self.camille))
        overdue = [item.overdue for item in items]
        self.assertEqual(overdue, sorted(overdue, reverse=True))
        self.assertTrue(items[0].overdue)
        self.assertEqual(sum(item.overdue for item in items), 3)  # request, action, referral
        dues = [item.due for item in items if not item.overdue]
        self.assertEqual(
            dues,
            sorted(
                dues,
                key=lambda d: (
                    d
                    if isinstance(d, datetime)
                    else datetime.combine(d, datetime.min.time(), BRUSSELS)
                ),
            ),
        )
        case_items = [item for item in items if item.case_id == self.case.pk]
        self.assertTrue(all(SECRET in item.title for item in case_items))

    def test_a_case_manager_of_another_team_sees_only_their_transition(self):
        items = agenda_for(fresh(self.bob))
        self.assertEqual(kinds(items), ["request_deadline", "transition"])
        transition = next(item for item in items if item.kind == "transition")
        self.assertEqual(transition.due, self.youth_birthday)
        self.assertEqual(transition.case_id, self.youth_case.pk)
        self.assertFalse(any(SECRET in item.title for item in items))

    def test_intake_gets_the_open_queue_of_their_teams(self):
        items = agenda_for(fresh(self.ines))
        self.assertEqual(
            keys(items),
            {
                self.request_key(r)
                for r in (self.r_10h, self.r_5d, self.r_late, self.r_mine, self.brustars_request)
            },
        )
        self.assertEqual(items[0].request_id, self.r_late.pk)  # overdue first
        self.assertEqual(items[1].request_id, self.brustars_request.pk)  # then due in 5 h

    def test_the_team_lead_gets_unassigned_and_at_risk_requests_and_the_table(self):
        items = agenda_for(fresh(self.lea))
        self.assertEqual(
            keys(items), {self.request_key(r) for r in (self.r_10h, self.r_5d, self.r_late)}
        )
        rows = {row.worker.username: row for row in team_table(fresh(self.lea))}
        self.assertEqual(set(rows), {"camille", "noor", "lea", "ines"})
        camille = rows["camille"]
        self.assertEqual(
            (camille.open_cases, camille.overdue_actions, camille.reviews_due),
            (1, 1, 1),
        )
        self.assertEqual(camille.requests_to_answer, 1)
        self.assertEqual(rows["noor"].requests_to_answer, 0)
        self.assertEqual(team_table(fresh(self.camille)), [])
        # The worker with the most waiting comes first.
        self.assertEqual(team_table(fresh(self.lea))[0].worker.username, "camille")

    def test_the_home_page_shows_the_busiest_workers_and_the_whole_team_on_demand(self):
        for n in range(12):
            make_user(f"extra{n}", (self.brusano_team, Role.CASE_MANAGER))
        self.login(self.lea)
        page = self.client.get("/").content.decode()
        self.assertEqual(page.count('<th scope="row">'), 12)
        self.assertIn("Camille", page.split('<th scope="row">')[1])  # the busiest first
        self.assertIn("?team=all#team-heading", page)
        whole = self.client.get("/?team=all").content.decode()
        self.assertEqual(whole.count('<th scope="row">'), 16)
        self.assertNotIn("?team=all#team-heading", whole)

    def test_the_conference_organiser_prepares_records_and_sends(self):
        items = agenda_for(fresh(self.olivier))
        self.assertEqual(
            keys(items),
            {
                ("conference", self.url("conferences:detail", conference_id=self.next_conf.pk)),
                (
                    "attendance_to_record",
                    self.url("conferences:meeting", conference_id=self.unrecorded.pk),
                ),
                ("minutes_to_send", self.url("conferences:minutes", conference_id=self.unsent.pk)),
            },
        )

    def test_the_partner_gets_the_actions_they_own_without_the_name_unless_shared(self):
        items = agenda_for(fresh(self.pat))
        self.assertEqual(
            keys(items),
            {
                ("action_overdue", self.url("partners:action", action_id=self.late.pk)),
                ("action_due", self.url("partners:action", action_id=self.soon.pk)),
            },
        )
        self.assertFalse(any(SECRET in item.title for item in items))

    def test_a_partner_without_the_plan_category_gets_nothing(self):
        share(self.case, self.camille, {self.owner: {Category.HOUSING}})
        self.assertEqual(agenda_for(fresh(self.pat)), [])

    def test_analyst_administrator_and_roleless_users_get_nothing(self):
        for user in (self.ana, self.adam, self.zoe):
            self.assertEqual(agenda_for(fresh(user)), [], user.username)

    def test_a_person_account_gets_nothing(self):
        person = make_user("own", is_person_account=True)
        self.assertEqual(agenda_for(person), [])

    def test_a_partner_update_of_the_last_week_is_shown_to_the_case_manager(self):
        from maillage.access.partner import _scopes
        from maillage.partners import actions as partner_actions

        scope = _scopes(fresh(self.pat))[0]
        partner_actions.update_action(
            scope, self.soon, by=self.pat, version=self.soon.version, follow_up="Rang"
        )
        items = agenda_for(fresh(self.camille))
        updates = [item for item in items if item.kind == "partner_update"]
        self.assertEqual(len(updates), 1)
        self.assertEqual(updates[0].case_id, self.case.pk)

    def test_its_cost_does_not_grow_with_the_data(self):
        def count(user: User) -> int:
            with CaptureQueriesContext(connection) as queries:
                agenda_for(fresh(user))
            return len(queries.captured_queries)

        before = {u.username: count(u) for u in (self.camille, self.lea, self.olivier)}
        for _ in range(5):
            self._request(self.now + timedelta(hours=3))
            Action.objects.create(
                case=self.case,
                what="More",
                owner=self.owner,
                due_on=self.today - timedelta(days=1),
                created_by=self.camille,
            )
            Conference.objects.create(
                case=self.case, starts_at=self.now + timedelta(days=1), organiser=self.olivier
            )
            ConsentWish.objects.create(case=self.case, text="More", created_by=self.camille)
        after = {u.username: count(u) for u in (self.camille, self.lea, self.olivier)}
        self.assertEqual(before, after)


class AgeLimitTests(MaillageTestCase):
    def test_limits_are_read_from_the_criteria_data(self):
        self.assertEqual(age_limits({"fact": "age", "op": "between", "min": 0, "max": 23}), (0, 23))
        self.assertEqual(age_limits({"fact": "age", "op": "gte", "value": 18}), (18, None))
        nested = {"all": [{"fact": "age", "op": "lt", "value": 26}, {"fact": "x", "op": "is"}]}
        self.assertEqual(age_limits(nested), (None, 25))
        self.assertEqual(
            transition_ages([{"fact": "age", "op": "between", "min": 0, "max": 23}]), {18, 23}
        )
        self.assertEqual(transition_ages([{"fact": "age", "op": "gte", "value": 18}]), set())


class PageAndApiTests(AgendaCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def api(self, method: str, path: str, user: User, body=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[user.username]}"}
        if method == "get":
            return self.client.get(f"/api/v1/{path}", **headers)
        return self.client.post(
            f"/api/v1/{path}", json.dumps(body), content_type="application/json", **headers
        )

    def test_the_home_page_is_my_day(self):
        self.login(self.camille)
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "My day")
        self.assertContains(page, f'<time datetime="{self.late.due_on.isoformat()}"')
        self.assertContains(page, SECRET)
        self.assertContains(page, 'href="/requests/"')  # the link cards stay
        self.assertNotContains(page, "<caption>")

    def test_the_most_urgent_are_shown_and_the_rest_one_click_away(self):
        self.login(self.camille)
        everything = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["items"]
        self.assertGreater(len(everything), 1)
        with mock.patch("maillage.home.views.SHOWN", 1):
            page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")
            self.assertEqual(page.context["items"], everything[:1])
            others = len(everything) - 1
            self.assertContains(page, f"Show the {others} other item")
            page = self.client.get("/?all=1", HTTP_ACCEPT_LANGUAGE="en")
            self.assertEqual(page.context["items"], everything)
            self.assertNotContains(page, "Show the")

    def test_the_team_lead_sees_the_table(self):
        self.login(self.lea)
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, '<th scope="col" class="number">Overdue actions</th>', html=True)
        self.assertContains(page, '<th scope="row">Camille</th>', html=True)

    def test_the_read_is_audited(self):
        from maillage.audit.models import AuditEvent

        self.login(self.camille)
        self.client.get("/")
        self.assertTrue(
            AuditEvent.objects.filter(actor_id=self.camille.pk, verb="agenda.listed").exists()
        )

    def test_a_person_account_is_still_sent_to_their_space(self):
        person = make_user("own", is_person_account=True)
        self.client.force_login(person)
        self.assertRedirects(self.client.get("/"), "/space/", fetch_redirect_response=False)

    def test_the_api_lists_the_same_items(self):
        response = self.api("get", "me/agenda", self.camille)
        self.assertEqual(response.status_code, 200)
        items = response.json()["items"]
        expected = agenda_for(fresh(self.camille))
        self.assertEqual([i["url"] for i in items], [i.url for i in expected])
        first = items[0]
        self.assertEqual(set(first), {"kind", "due", "title", "url", "case_id", "request_id"})
        action = next(i for i in items if i["kind"] == "action_overdue")
        self.assertEqual(action["due"], self.late.due_on.isoformat())
        self.assertEqual(action["case_id"], str(self.case.pk))
        self.assertIsNone(action["request_id"])
        self.assertEqual(self.api("get", "me/agenda", self.zoe).json(), {"items": []})

    def test_assign_through_the_api(self):
        path = f"requests/{self.r_5d.pk}/assign"
        response = self.api("post", path, self.lea, {"username": "camille"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["assigned_to"], "camille")
        self.assertEqual(self.api("post", path, self.camille, {"username": ""}).status_code, 403)
        self.assertEqual(self.api("post", path, self.bob, {"username": ""}).status_code, 404)
        wrong = self.api("post", path, self.lea, {"username": "bob"})
        self.assertEqual(wrong.status_code, 422)
        self.assertEqual(wrong.json()["errors"][0]["field"], "username")
        response = self.api("post", path, self.ines, {"username": None})
        self.assertIsNone(response.json()["assigned_to"])

    def test_assign_on_the_request_page(self):
        self.login(self.ines)
        page = self.client.get(f"/requests/{self.r_5d.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "<select")
        self.assertContains(page, "Assign to")
        response = self.client.post(
            f"/requests/{self.r_5d.pk}/assign/",
            {"worker": self.noor.pk, "version": self.r_5d.version},
        )
        self.assertEqual(response.status_code, 302)
        page = self.client.get(f"/requests/{self.r_5d.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Assigned to")
        queue = self.client.get("/requests/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(queue, "Assigned to Noor")

    def test_a_case_manager_sees_no_assign_form(self):
        self.login(self.camille)
        page = self.client.get(f"/requests/{self.r_5d.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, "/assign/")


class DigestTests(AgendaCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        User.objects.filter(pk=cls.camille.pk).update(
            email="camille@example.org", digest_hour=8, language="en"
        )
        User.objects.filter(pk=cls.bob.pk).update(email="bob@example.org", digest_hour=8)

    def at(self, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(self.today, datetime.min.time(), BRUSSELS).replace(
            hour=hour, minute=minute
        )

    def digests(self, to: str) -> list[OutgoingEmail]:
        return [e for e in OutgoingEmail.objects.filter(about="agenda.digest") if to in e.to]

    def test_one_digest_a_day_at_the_users_hour(self):
        digest.send_digests(self.at(7, 45))
        self.assertEqual(self.digests("camille@example.org"), [])
        digest.send_digests(self.at(8, 0))
        digest.send_digests(self.at(8, 15))
        digest.send_digests(self.at(17, 0))
        sent = self.digests("camille@example.org")
        self.assertEqual(len(sent), 1)
        self.assertIn("Overdue action: 1", sent[0].body)
        self.assertIn("http", sent[0].body)
        self.assertEqual(len(self.digests("bob@example.org")), 1)  # in French, by default
        self.assertIn("Bonjour", self.digests("bob@example.org")[0].body)

    def test_no_person_name_and_no_case_content(self):
        digest.send_digests(self.at(9))
        for email in OutgoingEmail.objects.filter(about="agenda.digest"):
            for text in (SECRET, "Zéphyrine", "Youngone", "landlord", "Service logement"):
                self.assertNotIn(text, email.subject + email.body)

    def test_none_when_off(self):
        User.objects.filter(pk=self.camille.pk).update(digest="off")
        digest.send_digests(self.at(9))
        self.assertEqual(self.digests("camille@example.org"), [])

    def test_the_day_is_claimed_once(self):
        user = fresh(self.camille)
        today = self.today
        first = User.objects.filter(pk=user.pk).exclude(digest_sent_on=today)
        self.assertEqual(first.update(digest_sent_on=today), 1)
        digest.send_digests(self.at(9))  # another worker already claimed today
        self.assertEqual(self.digests("camille@example.org"), [])

    def test_nothing_to_report_sends_nothing_and_marks_the_day(self):
        User.objects.filter(pk=self.noor.pk).update(email="noor@example.org", digest_hour=0)
        Case.objects.filter(pk=self.case.pk).update(phase=Case.Phase.CLOSED)
        SupportRequest.objects.update(answer_due=self.now + timedelta(days=30))
        digest.send_digests(self.at(9))
        self.assertEqual(self.digests("noor@example.org"), [])
        self.assertEqual(fresh(self.noor).digest_sent_on, self.today)
