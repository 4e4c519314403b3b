from django.contrib import admin
from django.urls import include, path

from maillage.api.urls import api
from maillage.casefile import urls as casefile_urls

urlpatterns = [
    path("", include("maillage.ui.urls")),
    path("accounts/", include("maillage.accounts.urls")),
    path("requests/", include(casefile_urls.requests)),
    path("", include("maillage.space.urls")),  # /space/…, /cases/purpose/, /cases/<id>/space/
    path("cases/", include(casefile_urls.cases)),
    path("cases/<str:case_id>/consent/", include("maillage.consent.urls")),
    path("cases/<str:case_id>/assessments/", include("maillage.assessments.urls")),
    path("cases/<str:case_id>/network/", include("maillage.network.urls")),
    path("cases/<str:case_id>/plan/", include("maillage.plans.urls")),
    path("conferences/", include("maillage.conferences.urls")),
    path("persons/", include("maillage.people.urls")),
    path("persons/<str:person_id>/records/", include("maillage.records.urls")),
    path("partner/", include("maillage.partners.urls")),
    path("orientation/", include("maillage.orientation.urls")),
    path("directory/", include("maillage.directory.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
