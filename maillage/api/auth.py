"""Bearer tokens: `Authorization: Bearer <token>`, issued by `manage.py create_token`."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from maillage.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """The token's user becomes `request.user`, so `maillage.access` works as in pages."""
        api_token = ApiToken.objects.find(token)
        if api_token is None or not api_token.user.is_active:
            return None
        request.user = api_token.user
        return api_token
