"""The directory's HSDS API operations in the access matrix (maillage/access/tests).

Every signed-in user reads the directory (it describes services, not persons); without a
token the API answers 401 unless the directory is published (DIRECTORY_PUBLIC).
The directory pages are in access_table_pages.py.
"""

from typing import Any

from maillage.access.tests.matrix import ALL, only
from maillage.directory.models import Organization, Service

EVERYONE = only(set(ALL), 200, 200)

PAGES: dict[str, Any] = {}


def _service_params(case: Any) -> dict[str, Any]:
    organization, _ = Organization.objects.get_or_create(
        id="matrix-api-org", defaults={"name": "Org", "description": "Org"}
    )
    service, _ = Service.objects.get_or_create(
        id="matrix-api-service",
        defaults={"organization": organization, "name": "Service", "status": "active"},
    )
    return {"service_id": service.pk}


# (method, OpenAPI path) → (expected status per persona, body[, params(case)])
OPERATIONS = {
    ("get", "/api/v1/directory/services"): (EVERYONE, None),
    ("get", "/api/v1/directory/services/{service_id}"): (EVERYONE, None, _service_params),
    ("get", "/api/v1/directory/taxonomies"): (EVERYONE, None),
    ("get", "/api/v1/directory/taxonomy_terms"): (EVERYONE, None),
    ("get", "/api/v1/directory/organizations"): (EVERYONE, None),
}
