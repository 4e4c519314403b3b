"""Two output schemas with one name would share one entry in the OpenAPI document, so
a client would read one answer with the other's fields."""

from ninja import Schema

from maillage.api.urls import api


def schema_classes() -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    pending = list(Schema.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("maillage.api"):
            seen.setdefault(cls.__name__, set()).add(cls.__module__)
    return seen


def test_every_schema_of_the_api_has_its_own_name():
    api.get_openapi_schema()  # imports every router
    shared = {name: modules for name, modules in schema_classes().items() if len(modules) > 1}
    assert shared == {}
