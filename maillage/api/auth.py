"""Bearer tokens: `Authorization: Bearer <token>`, issued by `manage.py create_token`."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from maillage import access
from maillage.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """The token's user becomes `request.user`, so `maillage.access` works as in pages.

        A kind of account the API is not made for (the person's own account) gets 403 on
        every operation, whatever the data (`access.may_call_api`)."""
        api_token = ApiToken.objects.find(token)
        if api_token is None or not api_token.user.is_active:
            return None
        if not access.may_call_api(api_token.user, request.path):
            raise PermissionDenied
        request.user = api_token.user
        return api_token
