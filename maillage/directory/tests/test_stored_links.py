"""Stored links of the directory: a `javascript:` website is refused on every way in
(suggestion, review, edit form, HSDS import), a bare host name gets https://, stored
values are cleaned by the data migration, and the service page draws no unsafe link even
when the database holds one."""

import importlib
import json
import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from maillage.directory import actions, hsds
from maillage.directory.importer import ImportFailed, import_path
from maillage.directory.models import (
    Metadata,
    Organization,
    RequiredDocument,
    Service,
    Suggestion,
)
from maillage.testing import MaillageTestCase

from .test_hsds_import import ORG, SERVICE, UNSEEN, write_package
from .test_pages import _value
from .test_search import InEnglish, make_service

ATTACK = "javascript:alert(1)"
MESSAGE = "Enter a web address starting with http:// or https:// (or mailto: or tel:)."


class SuggestedLinkTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.service = make_service("Service de médiation de dettes", url="https://dettes.example")

    def test_a_javascript_website_is_refused_when_suggested_with_the_field_named(self):
        response = self.login(self.zoe).post(
            reverse("directory:suggest", kwargs={"service_id": self.service.pk}),
            {"field_name": "url", "proposed_value": ATTACK, "note": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["proposed_value"], [MESSAGE])
        self.assertFalse(Suggestion.objects.exists())
        with self.assertRaises(ValidationError) as caught:
            actions.suggest_correction(
                self.service, by=self.camille, field_name="url", proposed_value=ATTACK
            )
        self.assertEqual(caught.exception.message_dict, {"proposed_value": [MESSAGE]})
        self.assertFalse(Suggestion.objects.exists())

    def test_disguised_schemes_are_refused_too(self):
        for value in (
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
        ):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                actions.suggest_correction(
                    self.service, by=self.camille, field_name="url", proposed_value=value
                )
        self.assertFalse(Suggestion.objects.exists())

    def test_a_bare_host_name_is_suggested_and_accepted_as_https(self):
        suggestion = actions.suggest_correction(
            self.service, by=self.camille, field_name="url", proposed_value="www.example.be"
        )
        self.assertEqual(suggestion.proposed_value, "https://www.example.be")
        actions.review_suggestion(suggestion, by=self.adam, accept=True)
        self.service.refresh_from_db()
        self.assertEqual(self.service.url, "https://www.example.be")

    def test_accepting_a_javascript_suggestion_already_stored_changes_nothing(self):
        # Suggested before suggestions were checked: the review refuses it all the same.
        suggestion = Suggestion.objects.create(
            service=self.service, field_name="url", proposed_value=ATTACK, suggested_by=self.zoe
        )
        with translation.override("en"), self.assertRaises(ValidationError) as caught:
            actions.review_suggestion(suggestion, by=self.adam, accept=True)
        self.assertEqual(caught.exception.message_dict, {"url": [MESSAGE]})
        self.service.refresh_from_db()
        self.assertEqual(self.service.url, "https://dettes.example")
        self.assertEqual(Suggestion.objects.get().status, Suggestion.Status.PENDING)
        self.assertFalse(Metadata.objects.exists())

    def test_an_editor_cannot_store_one_through_update_service(self):
        with self.assertRaises(ValidationError) as caught:
            actions.update_service(
                self.service, by=self.adam, changes={"url": ATTACK}, version=self.service.version
            )
        self.assertIn("url", caught.exception.message_dict)
        self.service.refresh_from_db()
        self.assertEqual(self.service.url, "https://dettes.example")


class EditedLinkTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.service = make_service("Bru-Stars équipe mobile", url="https://bru-stars.example")

    def post(self, url_value: str):
        client = self.login(self.adam)
        url = reverse("directory:edit", kwargs={"service_id": self.service.pk})
        form = client.get(url).context["form"]
        data = {name: _value(form[name].value()) for name in form.fields}
        data["url"] = url_value
        return client.post(url, data)

    def test_the_edit_form_refuses_a_javascript_website(self):
        response = self.post(" JaVaScRiPt:alert(1)")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["url"], [MESSAGE])
        self.service.refresh_from_db()
        self.assertEqual(self.service.url, "https://bru-stars.example")

    def test_the_edit_form_normalises_a_bare_host_name(self):
        response = self.post("www.example.be")
        self.assertEqual(response.status_code, 302)
        self.service.refresh_from_db()
        self.assertEqual(self.service.url, "https://www.example.be")


class ServicePageLinkTests(InEnglish, MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.service = make_service("Bru-Stars équipe mobile")
        RequiredDocument.objects.create(
            id="doc-1", service=cls.service, document="Carte d'identité", uri="https://doc.example"
        )

    def page(self):
        url = reverse("directory:service", kwargs={"service_id": self.service.pk})
        return self.login(self.camille).get(url)

    def test_safe_links_are_drawn(self):
        Service.objects.filter(pk=self.service.pk).update(url="https://bru-stars.example")
        response = self.page()
        self.assertContains(
            response,
            '<a href="https://bru-stars.example" rel="noopener noreferrer">'
            "https://bru-stars.example</a>",
            html=True,
        )
        self.assertContains(
            response,
            '<a href="https://doc.example" rel="noopener noreferrer">Carte d&#x27;identité</a>',
            html=True,
        )

    def test_a_javascript_link_in_the_database_is_never_drawn(self):
        # Written past every check, as an old row or a direct database write would be.
        Service.objects.filter(pk=self.service.pk).update(url=ATTACK)
        RequiredDocument.objects.filter(pk="doc-1").update(uri=" javascript:alert(2)")
        response = self.page()
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertNotIn('href="javascript', content.lower())
        self.assertNotIn('href=" javascript', content.lower())
        self.assertIn(ATTACK, content)  # shown as text, for an editor to see and fix
        self.assertIn("Carte d&#x27;identité", content)


class ImportedLinkTests(MaillageTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def organizations(self, website: str) -> dict[str, list[list[str]]]:
        rows = [list(row) for row in UNSEEN["organizations.csv"]]
        rows[1][rows[0].index("website")] = website
        return {**UNSEEN, "organizations.csv": rows}

    def test_a_javascript_website_is_reported_with_file_row_and_field_and_nothing_imported(self):
        write_package(self.folder, self.organizations(ATTACK))
        before = {t.name: t.model.objects.count() for t in hsds.tables().values()}
        with self.assertRaises(ImportFailed) as caught:
            import_path(self.folder)
        self.assertIn(
            "organizations.csv:2:website: 'javascript:alert(1)' is not a web address "
            "(http://, https://, mailto: or tel:)",
            [str(problem) for problem in caught.exception.report.errors],
        )
        self.assertEqual(before, {t.name: t.model.objects.count() for t in hsds.tables().values()})
        self.assertFalse(Organization.objects.filter(pk=ORG).exists())

    def test_a_bare_host_name_is_imported_as_https(self):
        write_package(self.folder, self.organizations("www.example.be"))
        import_path(self.folder)
        self.assertEqual(Organization.objects.get(pk=ORG).website, "https://www.example.be")

    def test_json_is_checked_too(self):
        path = self.folder / "services.json"
        service = {"id": SERVICE, "organization_id": ORG, "name": "X", "status": "active"}
        path.write_text(json.dumps([{**service, "url": "data:text/html,x"}]))
        with self.assertRaises(ImportFailed) as caught:
            import_path(path)
        errors = [str(problem) for problem in caught.exception.report.errors]
        self.assertIn(
            "services.json:/0:url: 'data:text/html,x' is not a web address "
            "(http://, https://, mailto: or tel:)",
            errors,
        )


class LinkMigrationTests(MaillageTestCase):
    def test_stored_links_are_normalised_and_unsafe_ones_emptied(self):
        migration = importlib.import_module("maillage.directory.migrations.0007_normalise_links")
        organization = Organization.objects.create(
            id="org-1", website="www.brusano.brussels", logo="javascript:alert(1)"
        )
        kept = make_service("Kept", url="https://kept.example")
        relative = make_service("Relative", url="/contact")
        bare = make_service("Bare", url=" example.be/path ")
        disguised = make_service("Disguised", url="java\tscript:alert(1)")
        migration.normalise_links(apps, None)
        organization.refresh_from_db()
        self.assertEqual(
            (organization.website, organization.logo), ("https://www.brusano.brussels", "")
        )
        urls = dict(Service.objects.values_list("pk", "url"))
        self.assertEqual(urls[kept.pk], "https://kept.example")
        self.assertEqual(urls[relative.pk], "")
        self.assertEqual(urls[bare.pk], "https://example.be/path")
        self.assertEqual(urls[disguised.pk], "")
