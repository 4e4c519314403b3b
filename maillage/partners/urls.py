from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.home, name="home"),
    path("cases/<uuid:case_id>/", views.case_page, name="case"),
    path("cases/<uuid:case_id>/journal/new/", views.journal_new, name="journal_new"),
    path("actions/<uuid:action_id>/", views.action_update, name="action"),
    path("conferences/<uuid:conference_id>/minutes/", views.minutes_page, name="minutes"),
    path("conferences/<uuid:conference_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("activate/<str:token>/", views.activate, name="activate"),
]

# Inviting an actor of a case's network, mounted with the network's pages under
# /cases/<id>/network/ and the "network" namespace by maillage/urls.py.
network_urlpatterns = [
    path("<uuid:actor_id>/invite-partner/", views.invite_partner, name="invite_partner"),
]
