from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

from maillage.accounts.models import ApiToken

from .base import ApiTestCase


class BearerTokenTests(ApiTestCase):
    def test_it_answers_401_in_json_without_a_token(self) -> None:
        response = self.api.get("requests", None)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], "Bearer")
        self.assertEqual(response.json()["errors"], [])
        self.assertIn("Authorization: Bearer", response.json()["detail"])

    def test_it_answers_401_with_an_unknown_token(self) -> None:
        response = self.client.get(
            "/api/v1/programmes", secure=True, HTTP_AUTHORIZATION="Bearer mlg_not-a-token"
        )
        self.assertEqual(response.status_code, 401)

    def test_it_answers_401_with_another_scheme(self) -> None:
        token = self.tokens["ines"]
        response = self.client.get(
            "/api/v1/programmes", secure=True, HTTP_AUTHORIZATION=f"Token {token}"
        )
        self.assertEqual(response.status_code, 401)

    def test_it_answers_401_with_a_revoked_token(self) -> None:
        ApiToken.objects.filter(user=self.ines).update(revoked_at=timezone.now())
        self.assertEqual(self.api.get("programmes", self.ines).status_code, 401)

    def test_it_answers_401_for_an_inactive_user(self) -> None:
        self.camille.is_active = False
        self.camille.save(update_fields=["is_active"])
        self.assertEqual(self.api.get("programmes", self.camille).status_code, 401)

    def test_a_browser_session_is_not_enough(self) -> None:
        self.login(self.camille)
        self.assertEqual(self.api.get("requests", None).status_code, 401)

    def test_a_token_acts_as_its_user(self) -> None:
        request = self.post_request("brusano", self.ines)
        self.assertEqual(self.api.get(f"requests/{request['id']}", self.camille).status_code, 200)
        self.assertEqual(self.api.get(f"requests/{request['id']}", self.bob).status_code, 404)


class CreateTokenTests(ApiTestCase):
    def test_it_prints_only_a_token_that_works(self) -> None:
        out = StringIO()
        call_command("create_token", "camille", "--name", "reporting script", stdout=out)
        lines = out.getvalue().splitlines()
        self.assertEqual(len(lines), 1)
        self.tokens["camille"] = lines[0]
        self.assertEqual(self.api.get("programmes", self.camille).status_code, 200)
        token = ApiToken.objects.find(lines[0])
        assert token is not None
        self.assertEqual((token.user, token.name), (self.camille, "reporting script"))

    def test_it_stores_only_a_digest(self) -> None:
        out = StringIO()
        call_command("create_token", "camille", stdout=out)
        raw = out.getvalue().strip()
        self.assertFalse(ApiToken.objects.filter(digest=raw).exists())
        self.assertNotIn(raw, ApiToken.objects.values_list("digest", flat=True))

    def test_it_refuses_an_unknown_user(self) -> None:
        with self.assertRaisesMessage(CommandError, "No user named 'nobody'."):
            call_command("create_token", "nobody", stdout=StringIO())

    def test_it_refuses_an_inactive_user(self) -> None:
        self.zoe.is_active = False
        self.zoe.save(update_fields=["is_active"])
        with self.assertRaisesMessage(CommandError, "inactive"):
            call_command("create_token", "zoe", stdout=StringIO())

    def test_it_refuses_a_name_longer_than_the_field(self) -> None:
        with self.assertRaisesMessage(CommandError, "longer than 100 characters"):
            call_command("create_token", "camille", "--name", "n" * 101, stdout=StringIO())
        self.assertFalse(ApiToken.objects.filter(user=self.camille, name__startswith="n").exists())
