"""The user's language, two-factor authentication where it is required, and keeping
an active session alive."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from maillage import access

from .sessions import saved_at

# The pages of a half-signed-in session (password given, second factor not yet): the
# set-up page itself refuses a user who already has a device (`views.setup_2fa`).
TWO_FACTOR_EXEMPT = (
    "accounts:verify",
    "accounts:setup_2fa",
    "accounts:logout",
    "accounts:language",
)


class UserLanguageMiddleware:
    """After authentication: a signed-in user's own language wins over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def second_factor_required(user: object) -> bool:
    """Whether this user's roles oblige them to use a second factor."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if access.is_partner(user):  # partner professionals: role, or linked to a network actor
        return True
    return bool(access.roles_of(user) & required) or user.is_superuser  # type: ignore[attr-defined]


def needs_second_factor(user: object) -> bool:
    """Whether this signed-in user must pass a TOTP check before going on."""
    from django_otp import user_has_device

    if user.is_verified():  # type: ignore[attr-defined]
        return False
    return user_has_device(user) or second_factor_required(user)


class TwoFactorMiddleware:
    """Send users who have or need a TOTP device to verify or set it up first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith((settings.STATIC_URL, "/api/"))
            and not self._exempt(request)
            and needs_second_factor(user)
        ):
            from django_otp import user_has_device

            target = "accounts:verify" if user_has_device(user) else "accounts:setup_2fa"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        return request.path in {reverse(name) for name in TWO_FACTOR_EXEMPT}


class AccountKindMiddleware:
    """Each kind of account opens only the pages made for it (`access.may_open_page`).

    The person's own account gets 404 on every professional page, whatever the data;
    the API applies the same rule in its token check (`maillage.api.auth`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], *args: Any) -> None:
        if request.path.startswith("/api/"):
            return None
        match = request.resolver_match
        public = getattr(view_func, "login_required", True) is False
        if match is not None and not access.may_open_page(
            request.user, match.view_name, public=public
        ):
            raise Http404
        return None


# A session lives SESSION_COOKIE_AGE after its last save. Saving it on every request would
# cost every page view a commit; instead an active session is saved again once a tenth of
# that age has passed since its last save, so a user is signed out after 90 to 100 % of it
# without activity (27 to 30 minutes), never later.
REFRESH_FRACTION = 10


class SessionActivityMiddleware:
    """Keep an active session alive without saving it on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is not None and not session.is_empty():
            every = settings.SESSION_COOKIE_AGE // REFRESH_FRACTION
            if timezone.now().timestamp() - saved_at(session) >= every:
                session.modified = True  # SessionMiddleware saves it, with a new expiry
        return self.get_response(request)
