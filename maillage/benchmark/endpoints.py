"""The pages and API lists the benchmark measures at each volume."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoint:
    name: str
    user: str
    url: str  # may contain {request_id} or {case_id}
    api: bool = False


ENDPOINTS = (
    Endpoint("intake queue", "intake", "/requests/"),
    Endpoint("request page", "intake", "/requests/{request_id}/"),
    Endpoint("case list", "cm1", "/cases/"),
    Endpoint("case page", "cm1", "/cases/{case_id}/"),
    Endpoint("API requests", "intake", "/api/v1/requests", api=True),
    Endpoint("API cases", "cm1", "/api/v1/cases", api=True),
    Endpoint("API programmes", "intake", "/api/v1/programmes", api=True),
)
