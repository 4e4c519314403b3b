from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.actor_list, name="list"),
    path("new/", views.new, name="new"),
    path("from-request/<int:requester_id>/", views.add_requester, name="add_requester"),
    path("<uuid:actor_id>/edit/", views.edit, name="edit"),
    path("<uuid:actor_id>/end/", views.end, name="end"),
    path("map/", views.network_map, name="map"),
    path("map.svg", views.map_svg, name="map_svg"),
]
