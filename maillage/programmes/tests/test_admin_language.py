"""The administration speaks the administrator's language (French, Dutch or English):
Django's own words through its catalogues, ours through lazy translations of every
model name and field label of the accounts and programmes."""

from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext

from maillage.accounts.models import User

from .test_criteria_form import AdminTestCase


class LazyNamesTests(AdminTestCase):
    def test_every_model_name_and_field_label_is_translated_when_shown(self):
        for label in ("accounts", "programmes"):
            config = apps.get_app_config(label)
            self.assertIsInstance(config.verbose_name, Promise, label)
            for model in config.get_models():
                opts = model._meta
                with self.subTest(model=opts.label):
                    self.assertIsInstance(opts.verbose_name, Promise)
                    self.assertIsInstance(opts.verbose_name_plural, Promise)
                for field in opts.get_fields():
                    if isinstance(field, models.Field) and not field.primary_key:
                        with self.subTest(model=opts.label, field=field.name):
                            self.assertIsInstance(field.verbose_name, Promise)


def users_in(language: str) -> str:
    """The users' list as the administration names it in this language."""
    with translation.override(language):
        return str(capfirst(User._meta.verbose_name_plural))


class AdminLanguageTests(AdminTestCase):
    def speak(self, language: str) -> None:
        self.adam.language = language
        self.adam.save(update_fields=["language"])

    def test_a_dutch_speaking_administrator_reads_the_administration_in_dutch(self):
        self.speak("nl")
        response = self.client.get("/admin/")
        self.assertContains(response, '<html lang="nl"')
        self.assertContains(response, "Websitebeheer")  # Django's own catalogue
        self.assertNotEqual(users_in("nl"), "Users")
        self.assertContains(response, f'<a href="/admin/accounts/user/">{users_in("nl")}</a>')

    def test_a_french_speaking_administrator_reads_it_in_french(self):
        self.speak("fr")
        response = self.client.get("/admin/")
        self.assertContains(response, '<html lang="fr"')
        self.assertNotEqual(users_in("fr"), "Users")
        self.assertContains(response, f'<a href="/admin/accounts/user/">{users_in("fr")}</a>')
        response = self.client.get(self.change_url(self.brusano))
        self.assertContains(response, "Modification de programme")

    def test_without_a_language_of_their_own_the_browser_s_language_is_followed(self):
        self.speak("")
        response = self.client.get("/admin/", headers={"accept-language": "nl-BE,nl;q=0.9"})
        self.assertContains(response, '<html lang="nl"')
        self.assertContains(response, f'<a href="/admin/accounts/user/">{users_in("nl")}</a>')

    def test_the_password_page_speaks_the_administrator_s_language_too(self):
        self.speak("nl")
        response = self.client.get(f"/admin/accounts/user/{self.camille.pk}/password/")
        self.assertContains(response, "Of de gebruiker zich kan authenticeren")
        self.assertNotContains(response, "Indique si cet utilisateur")  # frozen at import
        with translation.override("nl"):
            warning = gettext("If disabled, the current password for this user will be lost.")
        self.assertContains(response, warning)
