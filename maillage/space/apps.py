from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpaceConfig(AppConfig):
    name = "maillage.space"
    label = "space"
    verbose_name = _("The person's own space")
