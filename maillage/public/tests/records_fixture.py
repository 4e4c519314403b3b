"""Rows of the public form's export entries for the records completeness fixture."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from maillage import tokens
from maillage.public.models import CoRequesterInvitation, PublicSubmission


def build_public(built: Any) -> None:
    request = built.case.support_request
    submission = PublicSubmission.objects.create(
        support_request=request,
        programme=request.programme,
        data={"what_is_asked": "Un accompagnement", "person": {"given_name": "Alex"}},
        email="aidant@example.org",
        token_hash=tokens.digest(tokens.new_token()),
        submitted_at=request.received_at,
    )
    invitation = CoRequesterInvitation.objects.create(
        submission=submission,
        token_hash=tokens.digest(tokens.new_token()),
        email="collegue@example.org",
        expires_at=timezone.now() + timedelta(days=14),
    )
    built.add("public_submissions", submission)
    built.add("public_invitations", invitation)


BUILDERS = {"public": build_public}
