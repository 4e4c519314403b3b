"""The directory of services, as Open Referral HSDS 3.0 tables.

One model per HSDS table, with HSDS identifiers (string primary keys, usually UUIDs) and
HSDS field names, so that import and export are lossless (see docs/directory.md). Foreign
keys carry the HSDS column name (`organization` is stored as `organization_id`).
Maillage additions are few and marked: `ServiceArea.commune` (NIS code derived from the
area) and the optimistic `version` of Service.
Generated once from the HSDS 3.0 datapackage.json, then edited by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maillage.links import validate_link

ID = {"primary_key": True, "max_length": 250}
# A web link, drawn as a link on our pages: only http, https, mailto and tel (see
# maillage/links.py). Persistent identifiers (organization.uri, taxonomy.uri,
# taxonomy_term.term_uri, service_area.uri) are never drawn as links and stay free.
LINK = {"max_length": 2000, "blank": True, "validators": [validate_link]}


class Taxonomy(models.Model):
    """HSDS `taxonomy` (taxonomies.csv)."""

    id = models.CharField(**ID)
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    uri = models.CharField(max_length=2000, blank=True)
    version = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "directory_taxonomy"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class TaxonomyTerm(models.Model):
    """HSDS `taxonomy_term` (taxonomy_terms.csv)."""

    id = models.CharField(**ID)
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", null=True, blank=True
    )
    taxonomy = models.TextField(blank=True)
    language = models.CharField(max_length=100, blank=True)
    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        on_delete=models.CASCADE,
        related_name="terms",
        null=True,
        blank=True,
        db_column="taxonomy_id",
    )
    term_uri = models.CharField(max_length=2000, blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_taxonomy_term"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class Organization(models.Model):
    """HSDS `organization` (organizations.csv)."""

    id = models.CharField(**ID)
    name = models.CharField(max_length=500, blank=True)
    alternate_name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    email = models.CharField(max_length=254, blank=True)
    website = models.CharField(**LINK)
    tax_status = models.TextField(blank=True)
    tax_id = models.CharField(max_length=100, blank=True)
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = models.TextField(blank=True)
    logo = models.CharField(**LINK)
    uri = models.CharField(max_length=2000, blank=True)
    parent_organization = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", null=True, blank=True
    )

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_organization"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class OrganizationIdentifier(models.Model):
    """HSDS `organization_identifier` (organization_identifiers.csv)."""

    id = models.CharField(**ID)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = models.TextField(blank=True)
    identifier_type = models.TextField(blank=True)
    identifier = models.TextField(blank=True)

    class Meta:
        db_table = "directory_organization_identifier"

    def __str__(self) -> str:
        return self.id


class Program(models.Model):
    """HSDS `program` (programs.csv)."""

    id = models.CharField(**ID)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(max_length=500, blank=True)
    alternate_name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        db_table = "directory_program"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class Service(models.Model):
    """HSDS `service` (services.csv)."""

    id = models.CharField(**ID)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="services", null=True, blank=True
    )
    name = models.CharField(max_length=500, blank=True)
    alternate_name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    url = models.CharField(**LINK)
    email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=100, blank=True)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    wait_time = models.TextField(blank=True)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.CharField(max_length=254, blank=True)
    licenses = models.TextField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    # Maillage bookkeeping (not HSDS): optimistic version for editors.
    version = models.PositiveIntegerField(default=1)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_service"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class Location(models.Model):
    """HSDS `location` (locations.csv)."""

    id = models.CharField(**ID)
    location_type = models.CharField(max_length=100, blank=True)
    url = models.CharField(**LINK)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", null=True, blank=True
    )
    name = models.CharField(max_length=500, blank=True)
    alternate_name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=500, blank=True)
    external_identifier_type = models.CharField(max_length=500, blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_location"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.id


class ServiceAtLocation(models.Model):
    """HSDS `service_at_location` (service_at_location.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    class Meta:
        db_table = "directory_service_at_location"

    def __str__(self) -> str:
        return self.id


class Address(models.Model):
    """HSDS `address` (addresses.csv)."""

    id = models.CharField(**ID)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="addresss", null=True, blank=True
    )
    attention = models.TextField(blank=True)
    address_1 = models.TextField(blank=True)
    address_2 = models.TextField(blank=True)
    city = models.CharField(max_length=500, blank=True)
    region = models.CharField(max_length=500, blank=True)
    state_province = models.CharField(max_length=500, blank=True)
    postal_code = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    address_type = models.CharField(max_length=100, blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_address"

    def __str__(self) -> str:
        return self.id


class Contact(models.Model):
    """HSDS `contact` (contacts.csv)."""

    id = models.CharField(**ID)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="contacts", null=True, blank=True
    )
    name = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500, blank=True)
    department = models.CharField(max_length=500, blank=True)
    email = models.CharField(max_length=254, blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_contact"

    def __str__(self) -> str:
        return self.name or self.id


class Phone(models.Model):
    """HSDS `phone` (phones.csv)."""

    id = models.CharField(**ID)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    number = models.CharField(max_length=500, blank=True)
    extension = models.IntegerField(null=True, blank=True)
    type = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_phone"

    def __str__(self) -> str:
        return self.id


class Schedule(models.Model):
    """HSDS `schedule` (schedules.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.IntegerField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=100, blank=True)
    freq = models.CharField(max_length=100, blank=True)
    interval = models.IntegerField(null=True, blank=True)
    byday = models.CharField(max_length=500, blank=True)
    byweekno = models.CharField(max_length=500, blank=True)
    bymonthday = models.CharField(max_length=500, blank=True)
    byyearday = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.CharField(**LINK)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_schedule"

    def __str__(self) -> str:
        return self.id


class Language(models.Model):
    """HSDS `language` (languages.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="languages", null=True, blank=True
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="languages", null=True, blank=True
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, related_name="languages", null=True, blank=True
    )
    name = models.CharField(max_length=500, blank=True)
    code = models.CharField(max_length=100, blank=True)
    note = models.TextField(blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_language"

    def __str__(self) -> str:
        return self.name or self.id


class ServiceArea(models.Model):
    """HSDS `service_area` (service_areas.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_areas", null=True, blank=True
    )
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=100, blank=True)
    uri = models.CharField(max_length=2000, blank=True)
    # Maillage: the Brussels commune served, by NIS code, derived from `uri` or `name`.
    commune = models.CharField(_("commune"), max_length=5, blank=True, db_index=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_service_area"

    def __str__(self) -> str:
        return self.name or self.id


class CostOption(models.Model):
    """HSDS `cost_option` (cost_options.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.CharField(max_length=100, blank=True)
    amount = models.FloatField(null=True, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta:
        db_table = "directory_cost_option"

    def __str__(self) -> str:
        return self.id


class RequiredDocument(models.Model):
    """HSDS `required_document` (required_documents.csv)."""

    id = models.CharField(**ID)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="required_documents", null=True, blank=True
    )
    document = models.TextField(blank=True)
    uri = models.CharField(**LINK)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_required_document"

    def __str__(self) -> str:
        return self.id


class Funding(models.Model):
    """HSDS `funding` (funding.csv)."""

    id = models.CharField(**ID)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="funding", null=True, blank=True
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="funding", null=True, blank=True
    )
    source = models.TextField(blank=True)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_funding"

    def __str__(self) -> str:
        return self.id


class Accessibility(models.Model):
    """HSDS `accessibility` (accessibility.csv)."""

    id = models.CharField(**ID)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="accessibility", null=True, blank=True
    )
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.CharField(**LINK)

    # Maillage: references to HSDS ids not (yet) in the directory, kept for export.
    unresolved = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        db_table = "directory_accessibility"

    def __str__(self) -> str:
        return self.id


class Attribute(models.Model):
    """HSDS `attribute` (attributes.csv)."""

    id = models.CharField(**ID)
    link_id = models.CharField(max_length=250, blank=True, db_index=True)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.CharField(max_length=100, blank=True)
    link_entity = models.CharField(max_length=100, blank=True)
    value = models.TextField(blank=True)

    class Meta:
        db_table = "directory_attribute"

    def __str__(self) -> str:
        return self.id


class Metadata(models.Model):
    """HSDS `metadata` (metadata.csv)."""

    id = models.CharField(**ID)
    resource_id = models.CharField(max_length=250, blank=True, db_index=True)
    resource_type = models.CharField(max_length=100, blank=True)
    last_action_date = models.DateField(null=True, blank=True)
    last_action_type = models.CharField(max_length=100, blank=True)
    field_name = models.CharField(max_length=500, blank=True)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=500, blank=True)

    class Meta:
        db_table = "directory_metadata"

    def __str__(self) -> str:
        return self.id


class MetaTableDescription(models.Model):
    """HSDS `meta_table_description` (meta_table_descriptions.csv)."""

    id = models.CharField(**ID)
    name = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=100, blank=True)
    character_set = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "directory_meta_table_description"

    def __str__(self) -> str:
        return self.name or self.id


# Maillage tables beside HSDS (search index, suggestions): registered in this app.
from .extra_models import SearchDocument, SearchText, SearchWord, Suggestion  # noqa: E402, F401
