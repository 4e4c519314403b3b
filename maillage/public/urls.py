"""Public pages under /public/ (mounted at the root: full paths here)."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("public/request/", views.request_form, name="request"),
    path("public/request/status/<str:token>/", views.status, name="status"),
    path("public/request/status/<str:token>/invite/", views.invite, name="invite"),
    path("public/request/join/<str:token>/", views.join, name="join"),
    path("public/set-aside/", views.set_aside, name="set_aside"),
    path("public/set-aside/<uuid:submission_id>/release/", views.release, name="release"),
    path("public/set-aside/<uuid:submission_id>/purge/", views.purge, name="purge"),
]
