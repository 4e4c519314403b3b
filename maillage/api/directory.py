"""The directory of services, read-only, as the HSDS 3.0 API (`/api/v1/directory/`).

`GET services` answers an HSDS page (`total_items`, `total_pages`, `page_number`, `size`,
`first_page`, `last_page`, `empty`, `contents`), ranked by relevance when `search` is
given; `GET services/{id}` answers the fully nested HSDS service. Taxonomies and
organizations are listed the same way. Anonymous callers get 401 unless the directory is
published (`MAILLAGE_DIRECTORY_PUBLIC`); see `maillage.access.directory`.
"""

import math
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from maillage.access.directory import directory_is_public, require_directory_reader
from maillage.directory import hsds
from maillage.directory.models import (
    Attribute,
    Contact,
    Location,
    Metadata,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from maillage.directory.search import ranked_service_ids, search_services

from . import auth
from .schemas import ErrorOut, Input


class BearerToken(auth.BearerToken):
    """A bearer token, or nobody when the directory is public (same OpenAPI scheme)."""

    def __call__(self, request: HttpRequest) -> Any:
        found = super().__call__(request)
        if found is None and directory_is_public():
            return "public"
        return found


router = Router(tags=["directory"], auth=BearerToken())

ERRORS: dict[int, Any] = dict.fromkeys((401, 404, 422), ErrorOut)
MAX_PER_PAGE = 100


class DirectoryPageIn(Input):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    per_page: int = Field(
        20, ge=1, le=MAX_PER_PAGE, description=f"Results per page (at most {MAX_PER_PAGE})."
    )


class ServiceFilters(DirectoryPageIn):
    search: str = Field("", max_length=200, description="Full-text search (FR, NL, EN).")
    taxonomy_term_id: str | None = Field(
        None, max_length=250, description="Only services with this taxonomy term."
    )
    organization_id: str | None = Field(None, max_length=250)


class HsdsPage(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


def _page(queryset: QuerySet[Any], page: DirectoryPageIn, shape: Any) -> dict[str, Any]:
    total = queryset.count()
    start = (page.page - 1) * page.per_page
    rows = list(queryset[start : start + page.per_page]) if start < total else []
    return _hsds_page(total, page, [shape(row) for row in rows])


def _ranked_page(ranked: QuerySet[Any], page: DirectoryPageIn) -> dict[str, Any]:
    """A page of a search, best first: the ranked ids are counted and sliced in the
    database, then only that page's services are read."""
    total = ranked.count()
    start = (page.page - 1) * page.per_page
    ids = list(ranked[start : start + page.per_page]) if start < total else []
    found = Service.objects.select_related("organization", "program").in_bulk(ids)
    return _hsds_page(total, page, [service_summary(found[pk]) for pk in ids if pk in found])


def _hsds_page(total: int, page: DirectoryPageIn, contents: list[Any]) -> dict[str, Any]:
    total_pages = math.ceil(total / page.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page.page,
        "size": len(contents),
        "first_page": page.page == 1,
        "last_page": page.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


@router.get(
    "/services",
    response={200: HsdsPage, **ERRORS},
    summary="List services (HSDS)",
    by_alias=True,
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]) -> dict[str, Any]:
    """Services with their one-to-one fields, their organization and program; ranked by
    relevance when `search` is given, by name otherwise."""
    require_directory_reader(request.user)
    criteria = {
        "status": None,
        "taxonomy_term_id": filters.taxonomy_term_id or None,
        "organization_id": filters.organization_id or None,
    }
    ranked = ranked_service_ids(filters.search, **criteria)
    if ranked is not None:
        return _ranked_page(ranked, filters)
    services = search_services("", **criteria).select_related("organization", "program")
    return _page(services, filters, service_summary)


@router.get(
    "/services/{service_id}",
    response={200: dict[str, Any], **ERRORS},
    summary="Read a service (HSDS)",
)
def read_service(request: HttpRequest, service_id: str) -> dict[str, Any]:
    """The fully nested HSDS service."""
    require_directory_reader(request.user)
    service = full_services().filter(pk=service_id).first()
    if service is None:
        raise Http404
    return service_json(service)


@router.get("/taxonomies", response={200: HsdsPage, **ERRORS}, summary="List taxonomies (HSDS)")
def list_taxonomies(request: HttpRequest, page: Query[DirectoryPageIn]) -> dict[str, Any]:
    require_directory_reader(request.user)
    table = hsds.table_of(Taxonomy)
    return _page(
        Taxonomy.objects.order_by("name", "pk"), page, lambda t: hsds.object_json(t, table)
    )


@router.get(
    "/taxonomy_terms", response={200: HsdsPage, **ERRORS}, summary="List taxonomy terms (HSDS)"
)
def list_taxonomy_terms(request: HttpRequest, page: Query[DirectoryPageIn]) -> dict[str, Any]:
    require_directory_reader(request.user)
    terms = TaxonomyTerm.objects.select_related("taxonomy_detail").order_by("name", "pk")
    return _page(terms, page, term_json)


@router.get(
    "/organizations", response={200: HsdsPage, **ERRORS}, summary="List organizations (HSDS)"
)
def list_organizations(request: HttpRequest, page: Query[DirectoryPageIn]) -> dict[str, Any]:
    require_directory_reader(request.user)
    table = hsds.table_of(Organization)
    organizations = Organization.objects.order_by("name", "pk")
    return _page(organizations, page, lambda o: hsds.object_json(o, table))


# Shapes


def _json(obj: Any) -> dict[str, Any]:
    return hsds.object_json(obj, hsds.table_of(type(obj)))


def term_json(term: TaxonomyTerm) -> dict[str, Any]:
    found = _json(term)
    if term.taxonomy_detail is not None:
        found["taxonomy_detail"] = _json(term.taxonomy_detail)
    return found


def service_summary(service: Service) -> dict[str, Any]:
    found = _json(service)
    found["organization"] = _json(service.organization)
    if service.program is not None:
        found["program"] = _json(service.program)
    return found


def full_services() -> QuerySet[Service]:
    """Services with everything the full object shows, in a fixed number of queries."""
    phones = Phone.objects.prefetch_related("languages")
    return Service.objects.select_related("organization", "program").prefetch_related(
        Prefetch("phones", queryset=phones),
        "schedules",
        "service_areas",
        "languages",
        "funding",
        "cost_options",
        "required_documents",
        Prefetch(
            "contacts",
            queryset=Contact.objects.prefetch_related(Prefetch("phones", queryset=phones)),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                Prefetch(
                    "contacts",
                    queryset=Contact.objects.prefetch_related(Prefetch("phones", queryset=phones)),
                ),
                Prefetch("phones", queryset=phones),
                "schedules",
                Prefetch(
                    "location",
                    queryset=Location.objects.prefetch_related(
                        "addresss",
                        "languages",
                        "accessibility",
                        Prefetch("phones", queryset=phones),
                        "schedules",
                    ),
                ),
            ),
        ),
    )


def _phone_json(phone: Phone) -> dict[str, Any]:
    found = _json(phone)
    found["languages"] = [_json(language) for language in phone.languages.all()]
    return found


def _contact_json(contact: Contact) -> dict[str, Any]:
    found = _json(contact)
    found["phones"] = [_phone_json(phone) for phone in contact.phones.all()]
    return found


def _location_json(location: Location) -> dict[str, Any]:
    found = _json(location)
    found["languages"] = [_json(x) for x in location.languages.all()]
    found["addresses"] = [_json(x) for x in location.addresss.all()]
    found["accessibility"] = [_json(x) for x in location.accessibility.all()]
    found["phones"] = [_phone_json(x) for x in location.phones.all()]
    found["schedules"] = [_json(x) for x in location.schedules.all()]
    return found


def service_json(service: Service) -> dict[str, Any]:
    """The fully nested HSDS service (schema/compiled/service_with_definitions.json)."""
    found = _json(service)
    found["phones"] = [_phone_json(phone) for phone in service.phones.all()]
    found["schedules"] = [_json(x) for x in service.schedules.all()]
    found["service_areas"] = [_json(x) for x in service.service_areas.all()]
    found["service_at_locations"] = []
    for place in service.service_at_locations.all():
        shaped = _json(place)
        shaped["contacts"] = [_contact_json(x) for x in place.contacts.all()]
        shaped["phones"] = [_phone_json(x) for x in place.phones.all()]
        shaped["schedules"] = [_json(x) for x in place.schedules.all()]
        shaped["location"] = _location_json(place.location)
        found["service_at_locations"].append(shaped)
    found["languages"] = [_json(x) for x in service.languages.all()]
    found["organization"] = _json(service.organization)
    found["funding"] = [_json(x) for x in service.funding.all()]
    found["cost_options"] = [_json(x) for x in service.cost_options.all()]
    if service.program is not None:
        found["program"] = _json(service.program)
    found["required_documents"] = [_json(x) for x in service.required_documents.all()]
    found["contacts"] = [_contact_json(x) for x in service.contacts.all()]
    attributes = Attribute.objects.filter(link_id=service.pk).select_related(
        "taxonomy_term__taxonomy_detail"
    )
    found["attributes"] = [
        {**_json(attribute), "taxonomy_term": term_json(attribute.taxonomy_term)}
        for attribute in attributes
    ]
    found["metadata"] = [_json(x) for x in Metadata.objects.filter(resource_id=service.pk)]
    return found
