"""A conference's video link: only http, https (mailto, tel) links are stored, from the
page and from the API; a bare host name gets https://; and the pages draw no unsafe link
even when the database holds one."""

import importlib
import json

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from maillage.api.tests.base import ApiClient, field_names, issue_tokens
from maillage.conferences import actions
from maillage.conferences.models import Conference

from .test_schedule import form_data
from .test_schedule_base import ConferenceTestCase, next_week

MESSAGE = "Enter a web address starting with http:// or https:// (or mailto: or tel:)."
REFUSED = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example/meeting",
)


class VideoLinkFormTests(ConferenceTestCase):
    def url(self) -> str:
        return f"/conferences/case/{self.case.pk}/new/"

    def test_the_form_refuses_every_unsafe_scheme_by_name(self):
        self.login(self.camille)
        for value in REFUSED:
            with self.subTest(value=value):
                response = self.client.post(self.url(), form_data(video_link=value))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["form"].errors["video_link"], [MESSAGE])
        self.assertFalse(Conference.objects.exists())

    def test_the_form_gives_a_bare_host_name_https(self):
        self.login(self.camille)
        response = self.client.post(self.url(), form_data(video_link=" meet.example/room-12 "))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Conference.objects.get().video_link, "https://meet.example/room-12")

    @translation.override("en")
    def test_the_actions_refuse_it_too(self):
        with self.assertRaises(ValidationError) as caught:
            self.plan(video_link="javascript:alert(1)")
        self.assertEqual(caught.exception.message_dict["video_link"], [MESSAGE])
        conference = self.plan(video_link="https://meet.example/a")
        with self.assertRaises(ValidationError):
            actions.update_conference(
                conference, by=self.camille, version=1, video_link="ftp://files.example/x"
            )
        conference.refresh_from_db()
        self.assertEqual(conference.video_link, "https://meet.example/a")


class VideoLinkApiTests(ConferenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)

    def setUp(self) -> None:
        super().setUp()
        self.api = ApiClient(self.client, self.tokens)

    def body(self, **changes):
        return {
            "starts_at": next_week().isoformat(),
            "duration_minutes": 60,
            "place": "Maison médicale du Midi",
            "video_link": "",
            **changes,
        }

    def test_the_api_refuses_a_javascript_link_naming_the_field(self):
        response = self.api.post(
            f"cases/{self.case.pk}/conferences",
            self.camille,
            self.body(video_link="javascript:alert(1)"),
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(field_names(response), ["video_link"])
        self.assertFalse(Conference.objects.exists())

    def test_the_api_gives_a_bare_host_name_https_on_a_reschedule(self):
        conference = self.plan()
        response = self.client.put(
            f"/api/v1/conferences/{conference.pk}",
            json.dumps({**self.body(video_link="meet.example/x"), "version": 1}),
            content_type="application/json",
            secure=True,
            **self.api.headers(self.camille, "en"),
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["video_link"], "https://meet.example/x")


class VideoLinkPageTests(ConferenceTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.conference = self.plan(video_link="https://meet.example/abc")
        (self.invitation,) = actions.invite(self.conference, by=self.camille, actors=[self.gp])
        self.pages = [
            f"/conferences/{self.conference.pk}/",
            f"/conferences/{self.conference.pk}/meeting/",
            f"/conferences/answer/{self.invitation.token}/",
        ]

    def test_a_safe_link_is_drawn_on_every_page(self):
        self.login(self.camille)
        for url in self.pages:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), 'href="https://meet.example/abc"')

    def test_an_unsafe_link_in_the_database_is_never_drawn(self):
        # Written past every check, as an old row or a direct database write would be.
        Conference.objects.filter(pk=self.conference.pk).update(video_link="javascript:alert(1)")
        self.login(self.camille)
        for url in self.pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn('href="javascript', response.content.decode().lower())


class VideoLinkMigrationTests(ConferenceTestCase):
    def test_stored_links_are_normalised_and_unsafe_ones_emptied(self):
        migration = importlib.import_module(
            "maillage.conferences.migrations.0004_normalise_video_links"
        )
        values = {
            "https://meet.example/kept": "https://meet.example/kept",
            "meet.example/bare": "https://meet.example/bare",
            "ftp://files.example/x": "",
            "javascript:alert(1)": "",
        }
        planned = {}
        for before in values:
            conference = self.plan(video_link="https://meet.example/placeholder")
            Conference.objects.filter(pk=conference.pk).update(video_link=before)
            planned[conference.pk] = before
        migration.normalise_video_links(apps, None)
        stored = dict(Conference.objects.values_list("pk", "video_link"))
        self.assertEqual({stored[pk] for pk in planned}, set(values.values()))
        for pk, before in planned.items():
            self.assertEqual(stored[pk], values[before], before)
