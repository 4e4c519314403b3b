"""The person asks for a change of consent; the case manager confirms or declines it."""

from maillage.space.models import ConsentWish

from .base import SpaceTestCase


class ConsentWishTests(SpaceTestCase):
    def ask(self):
        client = self.login(self.paul)
        return client.post(
            f"/space/{self.case.pk}/sharing/change/",
            {
                "text": "Je ne veux plus que le CPAS sache pour ma santé",
                "category": "mental_health",
            },
        )

    def test_the_person_asks_and_the_case_manager_sees_it_on_the_consent_page(self):
        self.assertRedirects(self.ask(), f"/space/{self.case.pk}/sharing/")
        wish = ConsentWish.objects.get()
        self.assertEqual(
            (wish.status, wish.created_by, wish.category), ("pending", self.paul, "mental_health")
        )
        response = self.login(self.camille).get(f"/cases/{self.case.pk}/consent/")
        self.assertContains(response, "Je ne veux plus que le CPAS sache pour ma santé")
        self.assertContains(response, f"/cases/{self.case.pk}/space/wishes/{wish.pk}/")

    def test_confirming_marks_it_without_changing_the_consent(self):
        self.ask()
        wish = ConsentWish.objects.get()
        consents = self.case.consents.count()
        response = self.login(self.camille).post(
            f"/cases/{self.case.pk}/space/wishes/{wish.pk}/",
            {"status": "confirmed", "note": "Fait ensemble le 3 mai", "version": wish.version},
        )
        self.assertRedirects(response, f"/cases/{self.case.pk}/consent/")
        wish.refresh_from_db()
        self.assertEqual((wish.status, wish.answered_by), ("confirmed", self.camille))
        self.assertEqual(self.case.consents.count(), consents)
        page = self.login(self.paul, self.client_class()).get(f"/space/{self.case.pk}/sharing/")
        self.assertContains(page, "Fait ensemble le 3 mai")

    def test_declining_needs_a_note_and_a_stale_answer_is_refused(self):
        self.ask()
        wish = ConsentWish.objects.get()
        camille = self.login(self.camille)
        url = f"/cases/{self.case.pk}/space/wishes/{wish.pk}/"
        camille.post(url, {"status": "declined", "note": "", "version": wish.version})
        wish.refresh_from_db()
        self.assertEqual(wish.status, "pending")
        camille.post(url, {"status": "declined", "note": "Il faut en parler", "version": 1})
        camille.post(url, {"status": "confirmed", "note": "", "version": 1})
        wish.refresh_from_db()
        self.assertEqual((wish.status, wish.version), ("declined", 2))

    def test_an_empty_wish_is_refused_and_others_cannot_answer(self):
        response = self.login(self.paul).post(
            f"/space/{self.case.pk}/sharing/change/", {"text": " "}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ConsentWish.objects.exists())
        self.ask()
        wish = ConsentWish.objects.get()
        url = f"/cases/{self.case.pk}/space/wishes/{wish.pk}/"
        data = {"status": "confirmed", "version": 1}
        self.assertEqual(self.login(self.bob, self.client_class()).post(url, data).status_code, 404)
        self.assertEqual(
            self.login(self.paul, self.client_class()).post(url, data).status_code, 404
        )
