from django.contrib import admin
from django.urls import include, path

from maillage.api.urls import api

urlpatterns = [
    path("", include("maillage.ui.urls")),
    path("accounts/", include("maillage.accounts.urls")),
    path("requests/", include("maillage.intake.urls")),
    path("", include("maillage.space.urls")),  # /space/…, /cases/purpose/, /cases/<id>/space/
    path("cases/", include("maillage.cases.urls")),
    path("cases/<uuid:case_id>/consent/", include("maillage.consent.urls")),
    path("cases/<uuid:case_id>/assessments/", include("maillage.assessments.urls")),
    path("cases/<uuid:case_id>/network/", include("maillage.network.urls")),
    path("cases/<uuid:case_id>/plan/", include("maillage.plans.urls")),
    path("conferences/", include("maillage.conferences.urls")),
    path("persons/", include("maillage.people.urls")),
    path("persons/<uuid:person_id>/records/", include("maillage.records.urls")),
    path("partner/", include("maillage.partners.urls")),
    path("orientation/", include("maillage.orientation.urls")),
    path("directory/", include("maillage.directory.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
