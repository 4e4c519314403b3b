"""Programmes and their entry criteria: configuration, readable with any token."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from maillage.programmes.models import Programme

from .schemas import ProgrammeOut

router = Router(tags=["programmes"])


@router.get("", response=list[ProgrammeOut], summary="List active programmes")
def list_programmes(request: HttpRequest) -> QuerySet[Programme]:
    """Active programmes and their active entry criteria (the rules are data)."""
    return Programme.objects.active().prefetch_related("criteria")
