"""The ALTCHA challenge that every public submission solves."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from maillage.guard import gate

router = Router(tags=["public"])


@router.get("/challenge", auth=None, url_name="public_challenge")
def get_challenge(request: HttpRequest) -> dict[str, Any]:
    """A new ALTCHA challenge (standard JSON), to solve before any public submission."""
    return gate.challenge()
