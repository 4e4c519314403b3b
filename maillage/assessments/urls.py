from django.urls import path

from . import views

# Under cases/<case_id>/assessments/ (maillage/urls.py).
app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.new, name="new"),
    path("<uuid:assessment_id>/", views.detail, name="detail"),
    path("<uuid:assessment_id>/edit/", views.edit, name="edit"),
    path("<uuid:assessment_id>/print/", views.print_assessment, name="print"),
]
