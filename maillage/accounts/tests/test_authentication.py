"""Sign-in: argon2, lockout, two-factor authentication, sessions, security headers."""

from django.conf import settings
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.audit.models import AuditEvent
from maillage.testing import PASSWORD, MaillageTestCase


class SignInTests(MaillageTestCase):
    def sign_in(self, username: str, password: str = PASSWORD):
        return self.client.post("/accounts/login/", {"username": username, "password": password})

    def test_passwords_are_hashed_with_argon2_in_production(self):
        self.assertEqual(
            settings.PASSWORD_HASHERS[0] if not settings.DEBUG else "",
            "django.contrib.auth.hashers.MD5PasswordHasher",  # tests use a fast hasher…
        )
        from maillage import settings as production

        self.assertEqual(  # …the settings file itself starts with argon2
            production.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )

    def test_a_case_manager_signs_in_without_a_second_factor(self):
        self.assertRedirects(self.sign_in("camille"), "/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/").status_code, 200)

    def test_repeated_failures_lock_the_account_out(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.sign_in("camille", "wrong password")
        response = self.sign_in("camille")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_team_lead_must_set_up_two_factor_authentication(self):
        self.sign_in("lea")
        response = self.client.get("/requests/")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/two-factor/", response["Location"])

    def test_setting_up_and_then_verifying_a_code(self):
        self.sign_in("lea")
        self.client.get("/accounts/two-factor/")
        self.assertFalse(TOTPDevice.objects.filter(user=self.lea).exists())  # nothing stored yet
        key = bytes.fromhex(self.client.session["accounts.pending_totp_key"])
        response = self.client.post("/accounts/two-factor/", {"token": f"{totp(key):06d}"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/requests/").status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(verb="auth.second_factor_added").exists())

    @override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # no wait after the wrong code
    def test_a_user_with_a_device_is_asked_for_a_code_and_a_wrong_one_fails(self):
        device = TOTPDevice.objects.create(user=self.adam, name="phone", confirmed=True)
        self.sign_in("adam")
        self.assertIn("/accounts/verify/", self.client.get("/admin/")["Location"])
        response = self.client.post(
            "/accounts/verify/", {"token": "000000"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "This code is not valid")
        self.client.post(
            "/accounts/verify/", {"token": f"{totp(device.bin_key):06d}", "next": "/admin/"}
        )
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_sessions_expire_after_inactivity_and_with_the_browser(self):
        self.assertLessEqual(settings.SESSION_COOKIE_AGE, 3600)
        self.assertIs(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, True)
        # Saved when it changes, refreshed every few minutes (test_session_activity.py).
        self.assertIs(settings.SESSION_SAVE_EVERY_REQUEST, False)

    def test_pages_carry_a_content_security_policy_without_inline_scripts(self):
        response = self.client.get("/accounts/login/")
        policy = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertNotIn(b"<script>", response.content)
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_forms_are_protected_against_cross_site_requests(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post("/accounts/login/", {"username": "camille", "password": PASSWORD})
        self.assertEqual(response.status_code, 403)

    @override_settings(LANGUAGE_CODE="fr")
    def test_the_user_language_follows_them_after_sign_in(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.sign_in("camille")
        self.camille.refresh_from_db()
        self.assertEqual(self.camille.language, "nl")
        self.assertEqual(self.client.get("/")["Content-Language"], "nl")

    def test_a_saved_language_wins_over_the_browser(self):
        self.camille.language = "nl"
        self.camille.save()
        self.login(self.camille)
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response["Content-Language"], "nl")
        self.assertContains(response, 'lang="nl"')
