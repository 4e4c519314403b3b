"""Conference pages, from three modules: scheduling and invitations, the meeting and its
minutes, and funding."""

from .urls_core import urlpatterns as core
from .urls_funding import urlpatterns as funding
from .urls_meeting import urlpatterns as meeting

app_name = "conferences"
urlpatterns = core + meeting + funding
