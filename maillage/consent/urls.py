from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("", views.consent_list, name="list"),
    path("new/", views.new, name="new"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("share/<uuid:actor_id>/", views.share_with, name="share_with"),
]
