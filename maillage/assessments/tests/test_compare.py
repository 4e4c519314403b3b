"""compare(): what changed from one assessment to the next, domain by domain."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from maillage.assessments.models import DomainAssessment
from maillage.assessments.queries import Change, compare


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def row(domain: str, **fields: object) -> DomainAssessment:
    return DomainAssessment(domain=domain, **fields)


def test_there_is_nothing_to_compare_without_a_previous_assessment():
    assert compare(None, [row("housing", severity=3)]) == []


def test_identical_assessments_have_no_change():
    before = [row("housing", severity=3, needs="Un logement.")]
    after = [row("housing", severity=3, needs="Un logement.")]
    assert compare(before, after) == []


def test_a_change_of_severity_says_from_what_to_what():
    changes = compare([row("housing", severity=3)], [row("housing", severity=2)])
    assert changes == [Change("housing", "changed", "severity", 3, 2)]
    assert changes[0].before_label == "high (3)"
    assert changes[0].after_label == "moderate (2)"
    assert changes[0].field_label == "severity"


def test_a_severity_given_for_the_first_time_is_a_change_from_nothing():
    (change,) = compare(
        [row("income", needs="Budget.")], [row("income", needs="Budget.", severity=1)]
    )
    assert (change.field, change.before, change.after, change.before_label) == (
        "severity",
        None,
        1,
        "—",
    )


def test_changed_texts_are_named_field_by_field():
    before = [row("housing", readiness="Pas encore.", risks="Expulsion.", needs="Logement.")]
    after = [
        row("housing", readiness="Prête à voir le CPAS.", risks="Expulsion.", needs="Logement.")
    ]
    assert compare(before, after) == [
        Change("housing", "changed", "readiness", "Pas encore.", "Prête à voir le CPAS.")
    ]


def test_every_field_that_differs_is_listed_in_the_page_order():
    before = [row("family", needs="a", difficulties="b", person_priority=0, risks="c")]
    after = [row("family", needs="A", difficulties="b", person_priority=2, risks="C")]
    assert [change.field for change in compare(before, after)] == [
        "needs",
        "person_priority",
        "risks",
    ]


def test_added_and_removed_domains_are_said_in_the_canonical_order():
    before = [row("housing", severity=3), row("income", severity=2)]
    after = [row("income", severity=2), row("mental_health", severity=1)]
    assert compare(before, after) == [
        Change("mental_health", "added"),
        Change("housing", "removed"),
    ]
    assert compare(before, after)[0].domain_label == "mental health"
