"""Reads of orientation for pages and the API: a case's referrals and unmet needs, the
open referrals of the overview, a directory service by id."""

from typing import Any

from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse

from maillage.directory.models import Phone, Service

from . import actions
from .models import Referral, UnmetNeed


def service_or_404(service_id: Any) -> Service:
    service = (
        Service.objects.select_related("organization").filter(pk=str(service_id or "")).first()
        if service_id
        else None
    )
    if service is None:
        raise Http404
    return service


def service_phones(service: Service) -> list[str]:
    """The numbers to call the service: its own, else its organisation's (a few)."""
    phones = Phone.objects.filter(
        Q(service=service) | Q(organization_id=service.organization_id, service=None)
    ).order_by(F("service").asc(nulls_last=True), "id")
    found = [(p.service_id, p.number) for p in phones[:10] if p.number.strip()]
    own = [number for service_id, number in found if service_id]
    return (own or [number for _id, number in found])[:3]


def referrals_of(case: Any) -> list[Referral]:
    return list(case.referrals.order_by("-created_at")[:200])


def open_referrals(case: Any) -> list[Referral]:
    """Referrals still awaiting an end (not refused, completed): one line each."""
    return list(case.referrals.exclude(status__in=actions.FINAL).order_by("-created_at")[:20])


def unmet_needs_of(case: Any) -> list[UnmetNeed]:
    return list(case.unmet_needs.select_related("service").order_by("-recorded_at")[:200])


def directory_search_url(**context: Any) -> str:
    """The directory's search page in orientation context (`case=` or `request=`)."""
    base = reverse("directory:search")
    query = "&".join(f"{key}={value}" for key, value in context.items() if value)
    return f"{base}?{query}" if query else base


def history(referral: Referral) -> list[Any]:
    return list(referral.changes.select_related("by").order_by("at", "pk"))
