from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("merge/", views.merge, name="merge"),
    path("merge/confirm/", views.merge_confirm, name="merge_confirm"),
    path("<str:person_id>/", views.detail, name="detail"),
]
