from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "maillage.records"
    label = "records"

    def ready(self) -> None:
        """Register the core entries of the export, then each app's `personal_data.py`
        (apps added later declare their person-level models there)."""
        from django.utils.module_loading import autodiscover_modules

        from . import entries

        entries.register_core()
        autodiscover_modules("personal_data")
