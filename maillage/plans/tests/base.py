"""A Brusano case held by camille and noor, with helpers to plan in it."""

import json
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from maillage.api.tests.base import ApiClient, ApiTestCase
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.network.models import Actor
from maillage.plans import actions
from maillage.plans.models import Action, Goal


class PlanApi(ApiClient):
    def put(self, path: str, user: Any, body: Any, *, language: str = "en") -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.put(
            f"/api/v1/{path}",
            data,
            content_type="application/json",
            secure=True,
            **self.headers(user, language),
        )


def days(n: int) -> date:
    """A day `n` days from today (negative: in the past)."""
    return timezone.localdate() + timedelta(days=n)


class PlanTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = cls.open_case()
        cls.person_actor = cls.case.actors.get(kind=Actor.Kind.PERSON)
        cls.camille_actor = cls.case.actors.get(user=cls.camille)
        cls.noor_actor = cls.case.actors.get(user=cls.noor)

    @classmethod
    def open_case(cls) -> Case:
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille, cls.noor]
        )
        return Case.objects.get(support_request=support_request)

    def setUp(self) -> None:
        self.api = PlanApi(self.client, self.tokens)
        # Pages in English (an unset language follows the browser).
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def add_goal(self, own_words: str = "Retrouver un logement à moi", **fields: Any) -> Goal:
        data = actions.GoalData(own_words=own_words, **fields)
        return actions.add_goal(self.case, data, by=self.camille)

    def add_action(
        self, what: str = "Remplir la demande de logement social", **fields: Any
    ) -> Action:
        fields.setdefault("owner", self.person_actor)
        data = actions.ActionData(what=what, **fields)
        return actions.add_action(self.case, data, by=self.camille)

    def add_actor(self, name: str, **fields: Any) -> Actor:
        fields.setdefault("kind", Actor.Kind.FORMAL)
        return Actor.objects.create(case=self.case, name=name, **fields)

    @property
    def plan_url(self) -> str:
        return f"/cases/{self.case.pk}/plan/"
