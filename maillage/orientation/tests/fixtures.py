"""Directory services for the orientation tests, made with the models directly."""

from typing import Any

from maillage.directory.models import Contact, Language, Organization, Service


def make_service(
    service_id: str = "svc-logement",
    *,
    name: str = "Service Logement Test",
    email: str = "accueil@logement.example.org",
    contact_email: str = "",
    organization_email: str = "",
    languages: tuple[str, ...] = ("fr",),
) -> Service:
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
            "status": "active",
            "description": "Accompagnement",
        },
    )
    if created:
        if contact_email:
            Contact.objects.create(id=f"contact-{service_id}", service=service, email=contact_email)
        for code in languages:
            Language.objects.create(id=f"lang-{service_id}-{code}", service=service, code=code)
    return service


def case_service(case: Any) -> Service:
    return make_service("svc-matrix", name="Matrix service")
