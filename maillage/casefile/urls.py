"""The `cases` and `intake` URL namespaces, with the case-file pages that compose them.

The overview, the timeline and closing read several parts of the case file, and the
answer to a request opens its case: their views live here, above the apps they compose,
and join those apps' pages under the same names (`cases:detail`, `intake:answer`).
"""

from django.urls import path

from maillage.cases import urls as case_urls
from maillage.intake import urls as intake_urls

from . import views

cases = (
    [
        *case_urls.urlpatterns,
        path("<uuid:case_id>/", views.overview, name="detail"),
        path("<uuid:case_id>/timeline/", views.timeline, name="timeline"),
        path("<uuid:case_id>/close/", views.close, name="close"),
    ],
    "cases",
)
requests = (
    [
        *intake_urls.urlpatterns,
        path("<uuid:request_id>/answer/", views.answer_request, name="answer"),
    ],
    "intake",
)
