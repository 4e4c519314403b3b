from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardConfig(AppConfig):
    name = "maillage.guard"
    label = "guard"
    verbose_name = _("Protection of the public pages")
