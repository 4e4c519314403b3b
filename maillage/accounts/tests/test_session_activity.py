"""A session ends after 30 minutes without activity, yet is not saved on every page."""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from maillage.testing import MaillageTestCase


class SessionActivityTests(MaillageTestCase):
    def setUp(self) -> None:
        self.start = timezone.now()
        self.login(self.camille)

    def get_home(self, minutes: float) -> int:
        with mock.patch("django.utils.timezone.now", return_value=self.at(minutes)):
            return self.client.get("/").status_code

    def at(self, minutes: float):  # type: ignore[no-untyped-def]
        return self.start + timedelta(minutes=minutes)

    def expiry(self) -> object:
        return Session.objects.get(session_key=self.client.session.session_key).expire_date

    def test_an_active_user_is_still_signed_in_after_an_hour(self):
        for minute in range(0, 61, 5):
            self.assertEqual(self.get_home(minute), 200, f"signed out at minute {minute}")

    def test_an_idle_user_is_signed_out_after_thirty_minutes(self):
        self.assertEqual(self.get_home(0), 200)
        self.assertEqual(self.get_home(settings.SESSION_COOKIE_AGE / 60 + 1), 302)

    def test_the_session_is_saved_only_every_few_minutes(self):
        signed_in = self.expiry()
        self.get_home(0)
        self.get_home(2)
        self.assertEqual(self.expiry(), signed_in)
        self.get_home(4)
        self.assertEqual(self.expiry(), self.at(4) + timedelta(seconds=settings.SESSION_COOKIE_AGE))
