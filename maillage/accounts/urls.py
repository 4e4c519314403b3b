from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.setup_2fa, name="setup_2fa"),
    path("two-factor/remove/", views.remove_2fa, name="remove_2fa"),
    path("security/", views.security, name="security"),
    path("language/", views.language, name="language"),
]
