"""Directory services for the orientation tests, made with the models directly."""

from typing import Any

from maillage.directory.models import Contact, Language, Organization, Service, ServiceArea


def make_service(
    service_id: str = "svc-logement",
    *,
    name: str = "Service Logement Test",
    email: str = "accueil@logement.example.org",
    contact_email: str = "",
    organization_email: str = "",
    languages: tuple[str, ...] = ("fr",),
    status: str = "active",
    communes: tuple[str, ...] = (),
    description: str = "Accompagnement",
) -> Service:
    """A service (made once per id); `communes` are the NIS codes of its service areas
    (none: all of Brussels). Call `index` for the search to find it."""
    organization, _ = Organization.objects.get_or_create(
        id=f"org-{service_id}",
        defaults={"name": f"Organisation {name}", "email": organization_email},
    )
    service, created = Service.objects.get_or_create(
        id=service_id,
        defaults={
            "organization": organization,
            "name": name,
            "email": email,
            "status": status,
            "description": description,
        },
    )
    if created:
        if contact_email:
            Contact.objects.create(id=f"contact-{service_id}", service=service, email=contact_email)
        for code in languages:
            Language.objects.create(id=f"lang-{service_id}-{code}", service=service, code=code)
        for nis in communes:
            ServiceArea.objects.create(id=f"area-{service_id}-{nis}", service=service, commune=nis)
    return service


def index(*services: Service) -> None:
    """Put the services in the directory's search index."""
    from maillage.directory.search import reindex_service

    for service in services:
        reindex_service(service)


def case_service(case: Any) -> Service:
    return make_service("svc-matrix", name="Matrix service")
