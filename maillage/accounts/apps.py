from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maillage.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login, logout and failed-login auditing)
