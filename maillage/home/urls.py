from django.urls import path

from . import views

# The namespace the home page and the statistics always had ("ui:home"); the pages moved
# out of the ui package, which holds only what every app may use (widgets, paging).
app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
    path("statistics/", views.statistics, name="statistics"),
]
