"""The inbox: one's own notices only, unread first, paged; the header's unread count;
the API's list and read; the user's settings."""

import json

from django.urls import reverse

from maillage.api.tests.base import issue_tokens
from maillage.notifications import actions
from maillage.notifications.models import Kind, Notification
from maillage.testing import MaillageTestCase


def inbox_of(user):
    return list(Notification.objects.filter(recipient=user))


class NotifyTests(MaillageTestCase):
    def test_the_actor_inactive_users_and_persons_own_accounts_are_skipped(self):
        self.noor.is_active = False
        self.noor.save(update_fields=["is_active"])
        person = self.make_person_account()
        made = actions.notify(
            [self.camille, self.camille.pk, self.noor, person, self.lea, None],
            Kind.CONSENT_WISH,
            url="/cases/",
            exclude=self.lea,
        )
        self.assertEqual([n.recipient_id for n in made], [self.camille.pk])
        self.assertEqual(inbox_of(self.noor) + inbox_of(person) + inbox_of(self.lea), [])

    def test_no_text_and_no_name_is_stored_the_title_follows_the_language(self):
        from django.utils import translation

        (notice,) = actions.notify([self.camille], Kind.DEADLINE_NEAR, url="/requests/")
        fields = {f.name for f in Notification._meta.fields}
        self.assertEqual(
            fields,
            {"id", "recipient", "kind", "case_id", "request_id", "url", "created_at", "read_at"},
        )
        with translation.override("en"):
            self.assertEqual(notice.title, "A request awaits an answer within 24 hours.")

    def make_person_account(self):
        from maillage.testing import make_user

        return make_user("person-account", is_person_account=True)


class InboxPageTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.old, cls.new = (
            actions.notify([cls.camille], kind, url="/cases/")[0]
            for kind in (Kind.REQUEST_ASSIGNED, Kind.CONSENT_WISH)
        )
        actions.mark_read(cls.camille, cls.new.pk)
        cls.others = actions.notify([cls.noor], Kind.MINUTES_SENT, url="/conferences/")

    def test_unread_first_and_only_mine(self):
        response = self.login(self.camille).get(reverse("notifications:inbox"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual([n.pk for n in response.context["page"].items], [self.old.pk, self.new.pk])
        self.assertContains(response, "Boîte de réception")  # French by default
        self.assertContains(response, "1 non lue")

    def test_another_users_notice_is_404_and_stays_unread(self):
        url = reverse("notifications:read", kwargs={"notification_id": self.others[0].pk})
        self.assertEqual(self.login(self.camille).post(url).status_code, 404)
        self.others[0].refresh_from_db()
        self.assertIsNone(self.others[0].read_at)

    def test_opening_a_notice_marks_it_read_and_follows_its_link(self):
        url = reverse("notifications:read", kwargs={"notification_id": self.old.pk})
        response = self.login(self.camille).post(url)
        self.assertRedirects(response, "/cases/", fetch_redirect_response=False)
        self.old.refresh_from_db()
        self.assertIsNotNone(self.old.read_at)

    def test_a_link_to_another_site_is_never_followed(self):
        (notice,) = actions.notify([self.camille], Kind.CONSENT_WISH, url="//evil.example/")
        url = reverse("notifications:read", kwargs={"notification_id": notice.pk})
        response = self.login(self.camille).post(url)
        self.assertRedirects(
            response, reverse("notifications:inbox"), fetch_redirect_response=False
        )

    def test_mark_all_read(self):
        self.login(self.camille).post(reverse("notifications:read_all"))
        self.assertFalse(Notification.objects.filter(recipient=self.camille, read_at=None))
        self.assertTrue(Notification.objects.filter(recipient=self.noor, read_at=None))

    def test_the_header_count_is_capped(self):
        actions.notify([self.noor], Kind.MINUTES_SENT, url="/")
        Notification.objects.bulk_create(
            Notification(recipient=self.noor, kind=Kind.MINUTES_SENT, url="/") for _ in range(120)
        )
        response = self.login(self.noor).get(reverse("cases:list"))
        self.assertContains(response, ">99+<")
        self.assertContains(response, "plus de 99 non lues")

    def test_no_count_without_unread_and_no_inbox_for_a_persons_account(self):
        response = self.login(self.zoe).get(reverse("cases:list"))
        self.assertContains(response, reverse("notifications:inbox"))
        self.assertNotContains(response, "unread")


class NotificationApiTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = issue_tokens(cls)
        cls.mine = actions.notify([cls.camille], Kind.REQUEST_ASSIGNED, url="/requests/")[0]
        cls.read = actions.notify([cls.camille], Kind.CONSENT_WISH, url="/cases/")[0]
        actions.mark_read(cls.camille, cls.read.pk)
        cls.theirs = actions.notify([cls.noor], Kind.MINUTES_SENT, url="/conferences/")[0]

    def call(self, method, path, user="camille", body=None, **headers):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {self.tokens[user]}"
        if body is None:
            return getattr(self.client, method)(f"/api/v1/me/{path}", **headers)
        return getattr(self.client, method)(
            f"/api/v1/me/{path}", json.dumps(body), content_type="application/json", **headers
        )

    def test_the_list_is_mine_newest_first_and_filters_unread(self):
        items = self.call("get", "notifications").json()["items"]
        self.assertEqual([i["id"] for i in items], [str(self.read.pk), str(self.mine.pk)])
        self.assertEqual(items[1]["kind"], "request_assigned")
        self.assertEqual(items[1]["url"], "/requests/")
        unread = self.call("get", "notifications?unread=true").json()["items"]
        self.assertEqual([i["id"] for i in unread], [str(self.mine.pk)])

    def test_the_title_is_in_the_callers_language(self):
        items = self.call("get", "notifications", HTTP_ACCEPT_LANGUAGE="en").json()["items"]
        self.assertEqual(items[1]["title"], "A request was given to you to prepare its answer.")

    def test_reading_mine_and_not_theirs(self):
        response = self.call("post", f"notifications/{self.mine.pk}/read", body={})
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(response.json()["read_at"])
        response = self.call("post", f"notifications/{self.theirs.pk}/read", body={})
        self.assertEqual(response.status_code, 404)

    def test_settings_read_and_write(self):
        self.assertEqual(
            self.call("get", "settings").json(),
            {"digest": "daily", "digest_hour": 8, "language": ""},
        )
        body = {"digest": "off", "digest_hour": 17, "language": "nl"}
        response = self.call("put", "settings", body=body)
        self.assertEqual(response.status_code, 200)
        self.camille.refresh_from_db()
        self.assertEqual(
            (self.camille.digest, self.camille.digest_hour, self.camille.language),
            ("off", 17, "nl"),
        )

    def test_bad_settings_name_the_field(self):
        for field, value in (("digest", "weekly"), ("digest_hour", 24), ("language", "de")):
            body = {"digest": "daily", "digest_hour": 8, "language": "", field: value}
            response = self.call("put", "settings", body=body, HTTP_ACCEPT_LANGUAGE="fr")
            self.assertEqual(response.status_code, 422, field)
            self.assertEqual([e["field"] for e in response.json()["errors"]], [field])


class SettingsPageTests(MaillageTestCase):
    def test_the_account_page_saves_the_settings(self):
        client = self.login(self.camille)
        self.assertContains(client.get(reverse("accounts:security")), "digest_hour")
        response = client.post(
            reverse("accounts:security"), {"language": "en", "digest": "off", "digest_hour": "6"}
        )
        self.assertEqual(response.status_code, 302)
        self.camille.refresh_from_db()
        self.assertEqual(
            (self.camille.language, self.camille.digest, self.camille.digest_hour), ("en", "off", 6)
        )

    def test_a_bad_hour_is_refused(self):
        response = self.login(self.camille).post(
            reverse("accounts:security"), {"language": "", "digest": "daily", "digest_hour": "25"}
        )
        self.assertEqual(response.status_code, 400)
        self.camille.refresh_from_db()
        self.assertEqual(self.camille.digest_hour, 8)
