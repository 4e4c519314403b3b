from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "maillage.records"
    label = "records"

    def ready(self) -> None:
        """Each app declares its person-level models in its `personal_data.py`
        (registry.py): import them all, then check that the entries nest."""
        from django.utils.module_loading import autodiscover_modules

        from maillage import personal_data as registry

        autodiscover_modules("personal_data")
        registry.check()
