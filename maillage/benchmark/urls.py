"""The site's URLs plus /bench/hello/: Django's smallest page, served the same way."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from maillage.urls import urlpatterns as site_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world.", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
