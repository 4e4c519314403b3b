from django.urls import path

from . import views

app_name = "orientation"
urlpatterns = [
    path("new/", views.new, name="new"),
    path("unmet-needs/new/", views.unmet_need, name="unmet_need"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("cases/<uuid:case_id>/", views.case_orientations, name="case"),
    path("<uuid:referral_id>/", views.detail, name="detail"),
    path("<uuid:referral_id>/status/", views.status, name="status"),
]

# The coverage of the territory (services and unmet needs), mounted with the directory's
# pages under /directory/ and the "directory" namespace by maillage/urls.py.
coverage_urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
    path("coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("coverage.svg", views.coverage_svg, name="coverage_svg"),
]
