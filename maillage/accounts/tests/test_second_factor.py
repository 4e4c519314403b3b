"""The second factor cannot be bypassed, added, replaced or removed without itself.

Found by an outside probe: a half-signed-in session (password only) of an account with a
confirmed device opened the set-up page, got a fresh key and verified itself with it.
"""

from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts import actions
from maillage.accounts.models import User
from maillage.audit.models import AuditEvent
from maillage.testing import PASSWORD, MaillageTestCase


def code(device_or_key) -> str:
    key = device_or_key.bin_key if isinstance(device_or_key, TOTPDevice) else device_or_key
    return f"{totp(key):06d}"


def next_time_step(device: TOTPDevice) -> None:
    """A code is accepted once: the test plays the next 30-second code of the device."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)


def pending_key(client) -> bytes:
    return bytes.fromhex(client.session["accounts.pending_totp_key"])


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
class SecondFactorTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.device = TOTPDevice.objects.create(user=cls.lea, name="phone", confirmed=True)

    def half_sign_in(self, username: str = "lea"):
        response = self.client.post(
            "/accounts/login/", {"username": username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        return self.client

    def test_a_half_signed_in_session_cannot_set_up_a_new_device(self):
        client = self.half_sign_in()
        response = client.get("/accounts/two-factor/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/verify/", response["Location"])
        self.assertNotIn("accounts.pending_totp_key", client.session)
        # Even with a key of its own making, a posted code changes nothing.
        attempt = client.post("/accounts/two-factor/", {"token": "123456", "current": "123456"})
        self.assertEqual(attempt.status_code, 302)
        self.assertIn("/accounts/verify/", attempt["Location"])
        self.assertEqual(client.get("/requests/").status_code, 302)
        self.assertEqual(list(TOTPDevice.objects.filter(user=self.lea)), [self.device])

    def test_the_half_signed_in_session_reaches_only_the_sign_in_pages(self):
        client = self.half_sign_in()
        for url in ("/", "/requests/", "/cases/", "/accounts/security/", "/admin/", "/partner/"):
            response = client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertIn("/accounts/verify/", response["Location"], url)

    def test_every_page_but_the_sign_in_steps_waits_for_the_second_factor(self):
        from django.urls import resolve

        from maillage.access.tests.test_page_matrix import MATRIX, PageMatrixTests

        exempt = {"accounts:verify", "accounts:setup_2fa", "accounts:logout", "accounts:language"}
        from maillage.casefile import actions as casefile_actions
        from maillage.cases.models import Case

        open_request = self.record(self.brusano, self.ines)
        accepted = self.record(self.brusano, self.ines)
        casefile_actions.answer_request(
            accepted, by=self.ines, kind="accept", case_workers=[self.camille, self.noor]
        )
        case = Case.objects.get(support_request=accepted)
        fixtures = type(
            "Fixtures", (), {"case": case, "open_request": open_request, "louis": case.person}
        )()
        client = self.half_sign_in()
        failures = []
        for name, (method, key, _expected, _anonymous) in MATRIX.items():
            if name in exempt:
                continue
            url = PageMatrixTests.url_for(fixtures, name, key)
            if getattr(resolve(url).func, "login_required", True) is False:
                continue  # open to everyone, signed in or not
            response = getattr(client, method)(url)
            if response.status_code != 302 or "/accounts/verify/" not in response["Location"]:
                failures.append(f"{name}: {response.status_code}")
        self.assertEqual(failures, [])

    def test_replacing_the_device_needs_a_code_from_the_current_one(self):
        client = self.half_sign_in()
        signed_in_with = code(self.device)
        client.post("/accounts/verify/", {"token": signed_in_with})
        page = client.get("/accounts/two-factor/")
        self.assertContains(page, 'name="current"')
        new_key = pending_key(client)
        refused = client.post(
            "/accounts/two-factor/", {"token": code(new_key), "current": "000000"}
        )
        self.assertEqual(refused.status_code, 200)
        self.assertEqual(list(TOTPDevice.objects.filter(user=self.lea)), [self.device])
        # The very code used to sign in, even if the clock has moved to the next step since.
        replay = client.post(
            "/accounts/two-factor/", {"token": code(new_key), "current": signed_in_with}
        )
        self.assertEqual(replay.status_code, 200, "the code used to sign in is spent")
        next_time_step(self.device)
        client.post("/accounts/two-factor/", {"token": code(new_key), "current": code(self.device)})
        devices = list(TOTPDevice.objects.filter(user=self.lea))
        self.assertEqual(len(devices), 1)
        self.assertEqual(devices[0].bin_key, new_key)  # the old device no longer works
        self.assertTrue(
            AuditEvent.objects.filter(verb="auth.second_factor_replaced", actor_id=self.lea.pk)
        )

    def test_a_role_that_requires_it_cannot_turn_it_off(self):
        client = self.half_sign_in()
        client.post("/accounts/verify/", {"token": code(self.device)})
        response = client.post("/accounts/two-factor/remove/", {"current": code(self.device)})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(TOTPDevice.objects.filter(user=self.lea).exists())

    def test_a_case_manager_turns_it_off_with_a_code_only(self):
        device = TOTPDevice.objects.create(user=self.camille, name="phone", confirmed=True)
        client = self.half_sign_in("camille")
        client.post("/accounts/verify/", {"token": code(device)})
        self.assertContains(client.get("/accounts/security/"), "/accounts/two-factor/remove/")
        next_time_step(device)
        refused = client.post("/accounts/two-factor/remove/", {"current": "000000"})
        self.assertEqual(refused.status_code, 400)
        self.assertTrue(TOTPDevice.objects.filter(user=self.camille).exists())
        self.assertEqual(client.get("/accounts/two-factor/remove/").status_code, 405)
        client.post("/accounts/two-factor/remove/", {"current": code(device)})
        self.assertFalse(TOTPDevice.objects.filter(user=self.camille).exists())
        self.assertTrue(AuditEvent.objects.filter(verb="auth.second_factor_removed"))

    def test_an_administrator_resets_a_lost_device_and_it_is_audited(self):
        User.objects.filter(pk=self.adam.pk).update(is_superuser=True)  # as the demo's admin
        admin = self.login(self.adam, self.client_class())
        response = admin.post(
            "/admin/accounts/user/",
            {"action": "reset_second_factor", "_selected_action": [self.lea.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(TOTPDevice.objects.filter(user=self.lea).exists())
        event = AuditEvent.objects.get(verb="auth.second_factor_reset")
        self.assertEqual(event.actor_id, self.adam.pk)
        # The user then sets up a new device after their password, as on the first day.
        client = self.half_sign_in()
        self.assertEqual(client.get("/accounts/two-factor/").status_code, 200)

    def test_devices_are_not_edited_by_hand_in_the_administration(self):
        admin = self.login(self.adam, self.client_class())
        self.assertEqual(admin.get("/admin/otp_totp/totpdevice/add/").status_code, 404)

    def test_the_set_up_page_stores_nothing_until_confirmed(self):
        client = self.half_sign_in("olivier")  # no device, none required
        client.get("/accounts/two-factor/")
        client.get("/accounts/two-factor/")
        self.assertFalse(TOTPDevice.objects.filter(user=self.olivier).exists())
        client.post("/accounts/two-factor/", {"token": code(pending_key(client))})
        self.assertTrue(TOTPDevice.objects.filter(user=self.olivier, confirmed=True).exists())
        self.assertTrue(AuditEvent.objects.filter(verb="auth.second_factor_added"))

    def test_actions_refuse_a_code_from_another_key(self):
        key = actions.new_device_key()
        other = bytes.fromhex(actions.new_device_key())
        self.assertFalse(actions.code_matches_key(self.lea, key, code(other)))
        self.assertTrue(actions.code_matches_key(self.lea, key, code(bytes.fromhex(key))))
