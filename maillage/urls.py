from django.contrib import admin
from django.urls import include, path

from maillage.api.urls import api
from maillage.casefile import urls as casefile_urls
from maillage.directory import urls as directory_urls
from maillage.network import urls as network_urls
from maillage.orientation import urls as orientation_urls
from maillage.partners import urls as partners_urls

# Two apps add pages under another's path and namespace, because they sit above it:
# partners invites an actor of the network; orientation draws the directory's coverage
# with its unmet needs. The lower app does not import the higher one.
network_pages = (network_urls.urlpatterns + partners_urls.network_urlpatterns, "network")
directory_pages = (directory_urls.urlpatterns + orientation_urls.coverage_urlpatterns, "directory")

urlpatterns = [
    path("", include("maillage.home.urls")),
    path("accounts/", include("maillage.accounts.urls")),
    path("requests/", include(casefile_urls.requests)),
    path("", include("maillage.space.urls")),  # /space/…, /cases/purpose/, /cases/<id>/space/
    path("cases/", include(casefile_urls.cases)),
    path("cases/<uuid:case_id>/consent/", include("maillage.consent.urls")),
    path("cases/<uuid:case_id>/assessments/", include("maillage.assessments.urls")),
    path("cases/<uuid:case_id>/network/", include(network_pages)),
    path("cases/<uuid:case_id>/plan/", include("maillage.plans.urls")),
    path("conferences/", include("maillage.conferences.urls")),
    path("persons/", include("maillage.people.urls")),
    path("persons/<uuid:person_id>/records/", include("maillage.records.urls")),
    path("partner/", include("maillage.partners.urls")),
    path("orientation/", include("maillage.orientation.urls")),
    path("notifications/", include("maillage.notifications.urls")),
    path("directory/", include(directory_pages)),
    path("search/", include("maillage.search.urls")),
    path("", include("maillage.public.urls")),  # /public/request/…
    path("", include("maillage.screening.urls")),  # /public/signal/…
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
