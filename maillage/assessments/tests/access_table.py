"""Assessment pages and API operations in the access matrix (maillage/access/tests)."""

from typing import Any

from maillage.access.tests.matrix import OK, REDIRECT, change_case, read_case


def case_kwargs(case: Any) -> dict[str, Any]:
    return {"case_id": case.pk}


def assessment_kwargs(case: Any) -> dict[str, Any]:
    """A fresh assessment of the case (version 1), made through the ORM as tests may."""
    from maillage.assessments.models import Assessment, DomainAssessment

    assessment = Assessment.objects.create(
        case=case, summary="Premier bilan.", assessed_by=case.workers.first().user
    )
    DomainAssessment.objects.create(
        assessment=assessment, domain="housing", needs="Un logement stable.", severity=3
    )
    return {"case_id": case.pk, "assessment_id": assessment.pk}


def api_kwargs(case: Any) -> dict[str, Any]:
    return {"assessment_id": assessment_kwargs(case)["assessment_id"]}


# url name → (method, kwargs, expected status per persona, anonymous status)
PAGES = {
    "assessments:list": ("get", case_kwargs, read_case(), REDIRECT),
    # The form shows the latest assessment (prefill): readers who may not change get 403.
    "assessments:new": ("get", case_kwargs, change_case(yes=OK), REDIRECT),
    "assessments:detail": ("get", assessment_kwargs, read_case(), REDIRECT),
    "assessments:edit": ("get", assessment_kwargs, change_case(yes=OK), REDIRECT),
    "assessments:print": ("get", assessment_kwargs, read_case(), REDIRECT),
}

BODY = {
    "assessed_on": None,
    "summary": "Premier bilan.",
    "domains": [{"domain": "housing", "needs": "Un logement stable.", "severity": 3}],
}

# (method, OpenAPI path) → (expected status per persona, body[, path parameters])
OPERATIONS = {
    ("get", "/api/v1/cases/{case_id}/assessments"): (read_case(), None),
    ("post", "/api/v1/cases/{case_id}/assessments"): (change_case(yes=201), BODY),
    ("get", "/api/v1/cases/{case_id}/assessments/{assessment_id}"): (
        read_case(),
        None,
        api_kwargs,
    ),
    ("put", "/api/v1/cases/{case_id}/assessments/{assessment_id}"): (
        change_case(yes=OK),
        {**BODY, "version": 1},
        api_kwargs,
    ),
}
