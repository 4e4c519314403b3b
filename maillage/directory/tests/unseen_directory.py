"""A Brussels directory nobody has seen, with every HSDS 3.0 table and every field filled,
and the round trip checks of the test_unseen_* tests: write it as a tabular package in
several valid spellings, snapshot the database, validate an export against the official
schemas."""

import csv
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from maillage.directory import hsds

from .hsds_checks import csv_row_to_json, registry, same, validator

NAMESPACE = uuid.UUID("7b1d9a52-7f0e-4c4e-9d2b-5a7c0e3f1a00")


def uid(name: str) -> str:
    """A fixed UUID per name, so tests can refer to rows by name."""
    return str(uuid.uuid5(NAMESPACE, name))


GEOJSON = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[4.30, 50.85], [4.35, 50.85], [4.35, 50.87], [4.30, 50.85]]],
    },
    indent=1,
)


def full_directory() -> dict[str, list[dict[str, str]]]:
    """Every table, every column filled (text cells as in a CSV file)."""
    org, child, service, location = uid("org"), uid("org-child"), uid("service"), uid("loc")
    sal, contact, phone, term = uid("sal"), uid("contact"), uid("phone"), uid("term")
    return {
        "taxonomy": [
            {
                "id": uid("taxonomy"),
                "name": "Thésaurus social bruxellois",
                "description": "Termes partagés par les services sociaux.",
                "uri": "https://example.brussels/taxonomie",
                "version": "2.1",
            }
        ],
        "taxonomy_term": [
            {
                "id": uid("term-root"),
                "code": "SOC",
                "name": "Aide sociale",
                "description": "Racine",
                "parent_id": "",
                "taxonomy": "Thésaurus social bruxellois",
                "language": "fr",
                "taxonomy_id": uid("taxonomy"),
                "term_uri": "https://example.brussels/taxonomie/SOC",
            },
            {
                "id": term,
                "code": "SOC-DET",
                "name": "Médiation de dettes",
                "description": "Schuldbemiddeling, « plan de paiement »",
                "parent_id": uid("term-root"),
                "taxonomy": "Thésaurus social bruxellois",
                "language": "fr-BE",
                "taxonomy_id": uid("taxonomy"),
                "term_uri": "https://example.brussels/taxonomie/SOC-DET",
            },
        ],
        "organization": [
            {
                "id": org,
                "name": "CPAS d'Ixelles / OCMW Elsene",
                "alternate_name": "CPAS Ixelles",
                "description": "Centre public d'action sociale.\nOpenbaar centrum.",
                "email": "info@cpas-ixelles.example",
                "website": "https://cpas-ixelles.example",
                "tax_status": "public",
                "tax_id": "BE0212.345.678",
                "year_incorporated": "1976",
                "legal_status": "Établissement public",
                "logo": "https://cpas-ixelles.example/logo.png",
                "uri": "https://kbopub.example/0212345678",
                "parent_organization_id": "",
            },
            {
                "id": child,
                "name": "Antenne Flagey",
                "alternate_name": "",
                "description": "Antenne de quartier",
                "email": "",
                "website": "",
                "tax_status": "",
                "tax_id": "",
                "year_incorporated": "",
                "legal_status": "",
                "logo": "",
                "uri": "",
                "parent_organization_id": org,
            },
        ],
        "organization_identifier": [
            {
                "id": uid("org-identifier"),
                "organization_id": org,
                "identifier_scheme": "BE-BCE_KBO",
                "identifier_type": "Numéro d'entreprise",
                "identifier": "0212.345.678",
            }
        ],
        "program": [
            {
                "id": uid("program"),
                "organization_id": org,
                "name": "Plan d'urgence énergie",
                "alternate_name": "Energieplan",
                "description": "Aides ponctuelles énergie",
            }
        ],
        "service": [
            {
                "id": service,
                "organization_id": org,
                "program_id": uid("program"),
                "name": "Service de médiation de dettes",
                "alternate_name": "Schuldbemiddeling",
                "description": 'Aide "budgétaire", plans de paiement;\r\nsur rendez-vous.',
                "url": "https://cpas-ixelles.example/dettes",
                "email": "dettes@cpas-ixelles.example",
                "status": "temporarily closed",
                "interpretation_services": "Arabe, turc, néerlandais",
                "application_process": "Téléphoner au secrétariat",
                "fees_description": "Gratuit",
                "wait_time": "2 à 3 semaines",
                "fees": "Aucun",
                "accreditations": "Agréé par la COCOM",
                "eligibility_description": "Habitants d'Ixelles",
                "minimum_age": "17.5",
                "maximum_age": "120",
                "assured_date": "2024-02-29",
                "assurer_email": "qualite@cpas-ixelles.example",
                "licenses": "Agrément 2019/123",
                "alert": "Fermé en août",
                "last_modified": "2024-03-31T02:30:00+02:00",
            }
        ],
        "location": [
            {
                "id": location,
                "location_type": "physical",
                "url": "https://cpas-ixelles.example/flagey",
                "organization_id": org,
                "name": "Maison sociale Flagey",
                "alternate_name": "Sociaal huis Flagey",
                "description": "Deuxième étage",
                "transportation": "Tram 81, bus 38 & 59",
                "latitude": "50.8275123",
                "longitude": "4.3722",
                "external_identifier": "UPRN-1050-42",
                "external_identifier_type": "UPRN",
            },
            {
                "id": uid("loc-virtual"),
                "location_type": "virtual",
                "url": "https://meet.example/cpas",
                "organization_id": "",
                "name": "Permanence en ligne",
                "alternate_name": "",
                "description": "",
                "transportation": "",
                "latitude": "",
                "longitude": "",
                "external_identifier": "",
                "external_identifier_type": "",
            },
        ],
        "service_at_location": [
            {
                "id": sal,
                "service_id": service,
                "location_id": location,
                "description": "Le mardi à Flagey",
            }
        ],
        "address": [
            {
                "id": uid("address"),
                "location_id": location,
                "attention": "Secrétariat social",
                "address_1": "Place Eugène Flagey 1",
                "address_2": "2e étage",
                "city": "Ixelles",
                "region": "Région de Bruxelles-Capitale",
                "state_province": "Bruxelles-Capitale",
                "postal_code": "1050",
                "country": "BE",
                "address_type": "physical",
            }
        ],
        "contact": [
            {
                "id": contact,
                "organization_id": org,
                "service_id": "",
                "service_at_location_id": "",
                "location_id": "",
                "name": "Françoise Dupont",
                "title": "Directrice",
                "department": "Direction",
                "email": "f.dupont@cpas-ixelles.example",
            },
            {
                "id": uid("contact-service"),
                "organization_id": "",
                "service_id": service,
                "service_at_location_id": "",
                "location_id": "",
                "name": "Jan Peeters",
                "title": "Maatschappelijk werker",
                "department": "Schulden",
                "email": "",
            },
            {
                "id": uid("contact-sal"),
                "organization_id": "",
                "service_id": "",
                "service_at_location_id": sal,
                "location_id": "",
                "name": "Accueil Flagey",
                "title": "",
                "department": "",
                "email": "",
            },
            {
                "id": uid("contact-location"),
                "organization_id": "",
                "service_id": "",
                "service_at_location_id": "",
                "location_id": location,
                "name": "Concierge",
                "title": "",
                "department": "",
                "email": "",
            },
        ],
        "phone": [
            {
                "id": phone,
                "location_id": location,
                "service_id": service,
                "organization_id": org,
                "contact_id": contact,
                "service_at_location_id": sal,
                "number": "+32 2 515 60 00",
                "extension": "204",
                "type": "voice",
                "description": "Du lundi au vendredi",
            }
        ],
        "schedule": [
            {
                "id": uid("schedule"),
                "service_id": service,
                "location_id": location,
                "service_at_location_id": sal,
                "valid_from": "2024-01-01",
                "valid_to": "2024-12-31",
                "dtstart": "2024-01-02",
                "timezone": "1",
                "until": "2024-12-31",
                "count": "52",
                "wkst": "MO",
                "freq": "WEEKLY",
                "interval": "2",
                "byday": "TU,TH",
                "byweekno": "1,2,3",
                "bymonthday": "1,15,-1",
                "byyearday": "1,100",
                "description": "Un mardi et jeudi sur deux",
                "opens_at": "09:30:00",
                "closes_at": "12:00:00",
                "schedule_link": "https://cpas-ixelles.example/horaires",
                "attending_type": "in person",
                "notes": "Fermé les jours fériés",
            },
            {
                "id": uid("schedule-monthly"),
                "service_id": service,
                "location_id": "",
                "service_at_location_id": "",
                "valid_from": "",
                "valid_to": "",
                "dtstart": "",
                "timezone": "",
                "until": "",
                "count": "",
                "wkst": "",
                "freq": "MONTHLY",
                "interval": "",
                "byday": "1MO,-1FR",
                "byweekno": "",
                "bymonthday": "",
                "byyearday": "",
                "description": "",
                "opens_at": "14:00",
                "closes_at": "16:45:30",
                "schedule_link": "",
                "attending_type": "",
                "notes": "",
            },
        ],
        "funding": [
            {"id": uid("funding-org"), "organization_id": org, "service_id": "", "source": "COCOM"},
            {
                "id": uid("funding-service"),
                "organization_id": "",
                "service_id": service,
                "source": "Fonds énergie",
            },
        ],
        "service_area": [
            {
                "id": uid("area"),
                "service_id": service,
                "name": "Ixelles",
                "description": "Commune d'Ixelles",
                "extent": GEOJSON,
                "extent_type": "geojson",
                "uri": "https://statbel.example/nis/21009",
            }
        ],
        "required_document": [
            {
                "id": uid("document"),
                "service_id": service,
                "document": "Carte d'identité",
                "uri": "https://cpas-ixelles.example/documents",
            }
        ],
        "language": [
            {
                "id": uid("language-service"),
                "service_id": service,
                "location_id": "",
                "phone_id": "",
                "name": "Nederlands",
                "code": "nl",
                "note": "Op afspraak",
            },
            {
                "id": uid("language-location"),
                "service_id": "",
                "location_id": location,
                "phone_id": "",
                "name": "Français",
                "code": "fr",
                "note": "",
            },
            {
                "id": uid("language-phone"),
                "service_id": "",
                "location_id": "",
                "phone_id": phone,
                "name": "Türkçe",
                "code": "tr",
                "note": "",
            },
        ],
        "accessibility": [
            {
                "id": uid("accessibility"),
                "location_id": location,
                "description": "Accès PMR",
                "details": "Ascenseur, porte de 90 cm",
                "url": "https://access.example/flagey",
            }
        ],
        "attribute": [
            attribute("attribute-service", service, "service", "need", ""),
            attribute("attribute-org", org, "organization", "sector", "public"),
            attribute("attribute-location", location, "location", "wheelchair", "oui"),
            attribute("attribute-sal", sal, "service_at_location", "", "mardi"),
            attribute("attribute-phone", phone, "phone", "hotline", ""),
            attribute("attribute-contact", contact, "contact", "role", "direction"),
        ],
        "metadata": [
            {
                "id": uid("metadata"),
                "resource_id": service,
                "resource_type": "service",
                "last_action_date": "2024-03-31",
                "last_action_type": "update",
                "field_name": "status",
                "previous_value": "active",
                "replacement_value": "temporarily closed",
                "updated_by": "Éloïse",
            }
        ],
        "meta_table_description": [
            {
                "id": uid("meta-table"),
                "name": "services",
                "language": "fr",
                "character_set": "UTF-8",
            }
        ],
        "cost_option": [
            {
                "id": uid("cost"),
                "service_id": service,
                "valid_from": "2024-01-01",
                "valid_to": "2024-06-30",
                "option": "Dossier",
                "currency": "EUR",
                "amount": "12.50",
                "amount_description": "Frais de dossier",
            }
        ],
    }


def attribute(name: str, link_id: str, entity: str, link_type: str, value: str) -> dict[str, str]:
    return {
        "id": uid(name),
        "link_id": link_id,
        "taxonomy_term_id": uid("term"),
        "link_type": link_type,
        "link_entity": entity,
        "value": value,
    }


def write_tables(
    folder: Path,
    tables: dict[str, list[dict[str, str]]],
    *,
    descriptor: dict[str, Any] | None = None,
    paths: dict[str, str] | None = None,
    bom: bool = False,
    newline: str = "\n",
    reverse_columns: bool = False,
    delimiter: str = ",",
) -> Path:
    """Write `tables` as a tabular package into `folder`: the official datapackage.json
    unless `descriptor` is given, CSV files at `paths` (default: the official ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = hsds.tables()
    for name, rows in tables.items():
        file = folder / (paths or {}).get(name, specs[name].path)
        file.parent.mkdir(parents=True, exist_ok=True)
        columns = list(rows[0]) if rows else specs[name].column_names
        if reverse_columns:
            columns.reverse()
        with file.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator=newline, delimiter=delimiter)
            writer.writerow(columns)
            writer.writerows([row.get(c, "") for c in columns] for row in rows)
    if descriptor is None:
        shutil.copy(hsds.DATA / "datapackage.json", folder / "datapackage.json")
    else:
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def snapshot() -> dict[str, dict[str, dict[str, Any]]]:
    """Every object of every table as its HSDS row."""
    return {
        table.name: {obj.pk: hsds.row(obj, table) for obj in table.model.objects.all()}
        for table in hsds.tables().values()
    }


def differences(tables: dict[str, list[dict[str, str]]]) -> list[str]:
    """Each source cell the database does not hold as given."""
    found, now = [], snapshot()
    for name, rows in tables.items():
        for row in rows:
            stored = now[name].get(row["id"])
            if stored is None:
                found.append(f"{name} {row['id']}: missing")
                continue
            for column, value in row.items():
                if not same(stored[column], value):
                    found.append(f"{name} {row['id']} {column}: {stored[column]!r} != {value!r}")
    return found


def export_errors(folder: Path) -> tuple[int, list[str]]:
    """Rows checked and schema errors of an exported package (official JSON schemas)."""
    reg, rows, errors = registry(), 0, []
    for table in hsds.tables().values():
        check = validator(table.name, reg)
        with (folder / table.path).open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                rows += 1
                errors += [
                    f"{table.path}:{line}: {error.message}"
                    for error in check.iter_errors(csv_row_to_json(table, row))
                ]
    return rows, errors


def clear_directory() -> None:
    """Delete every HSDS object (children first)."""
    for table in reversed(list(hsds.tables().values())):
        table.model.objects.all().delete()


# The same directory as HSDS JSON: nested objects, typed values


def typed(table: str, row: dict[str, str], *, nulls: bool = False) -> dict[str, Any]:
    """A CSV row as JSON: numbers typed, empty cells left out (or null with `nulls`)."""
    spec, found = hsds.tables()[table], {}
    for column, text in row.items():
        if text == "":
            if nulls:
                found[column] = None
            continue
        if spec.column(column).type == "number":
            number = float(text)
            found[column] = int(number) if number.is_integer() else number
        else:
            found[column] = text
    return found


def link_column(parent: str, child: str) -> str:
    return {"attribute": "link_id", "metadata": "resource_id"}.get(child, f"{parent}_id")


def nest(
    tables: dict[str, list[dict[str, str]]],
    table: str,
    row: dict[str, str],
    *,
    drop: str | None = None,
    extra: bool = False,
    nulls: bool = False,
) -> dict[str, Any]:
    """One row as a nested HSDS object: its children (by the schema's arrays, and
    `organization.services` with `extra`) and its single objects, the links left implied."""
    spec = hsds.tables()[table]
    obj = typed(table, {c: v for c, v in row.items() if c != drop}, nulls=nulls)
    for key, child in spec.single.items():
        column = hsds.single_column(table, key)
        if key in hsds.EXTRA_SINGLE.get(table, {}) or not row.get(column):
            continue
        target = next(r for r in tables.get(child, []) if r["id"] == row[column])
        obj.pop(column, None)
        obj[key] = nest(tables, child, target, nulls=nulls)
    arrays = dict(spec.nested)
    if not extra:
        arrays = {k: v for k, v in arrays.items() if k not in hsds.EXTRA_NESTED.get(table, {})}
    for key, child in arrays.items():
        link = link_column(table, child)
        rows = [r for r in tables.get(child, []) if r.get(link) == row["id"]]
        if rows:
            obj[key] = [nest(tables, child, r, drop=link, nulls=nulls) for r in rows]
    return obj
