"""Everything the case overview shows, gathered with a bounded number of queries."""

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe

from maillage.assessments.queries import assessment_summary
from maillage.cases.models import Case
from maillage.consent.queries import consent_summary
from maillage.network import ecomap
from maillage.network.queries import current_actors, network_summary
from maillage.orientation.queries import open_referrals
from maillage.plans.queries import plan_summary
from maillage.territory.communes import residence_label

from .timeline import case_timeline


def case_overview(case: Case, *, link_request: bool = True) -> dict[str, Any]:
    """What the overview shows; each part reads a bounded number of rows."""
    today = timezone.localdate()
    actors = current_actors(case, today)
    thumbnail = ecomap.render_ecomap(str(case.person), actors, today=today, size="thumbnail")
    return {
        # The SVG is built by us with every text escaped (network/ecomap.py).
        "network_map": mark_safe(thumbnail),  # noqa: S308
        "network": network_summary(case, today),
        **plan_summary(case, today),
        "assessment": assessment_summary(case),
        "consent": consent_summary(case),
        "case": case,
        "person": case.person,
        "residence": residence_label(case.person.residence),
        "today": today,
        "review_due": case.next_review is not None and case.next_review <= today,
        "workers": case.workers.filter(ended_at__isnull=True).select_related("user"),
        "latest_journal": case.journal.select_related("author").order_by("-occurred_at")[:5],
        "timeline": case_timeline(case, limit=15, link_request=link_request),
        "open_referrals": open_referrals(case),
    }
