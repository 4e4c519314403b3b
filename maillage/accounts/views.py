"""Sign in, second factor, sign out, language."""

import base64
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp import user_has_device

from . import actions
from .forms import PreferencesForm, RemoveForm, SetupForm, TokenForm
from .middleware import second_factor_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login = login_not_required(LoginView.as_view())
logout = auth_views.LogoutView.as_view()


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


INVALID_CODE = gettext_lazy("This code is not valid. Check your device's clock and try again.")


def verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the user's authenticator app."""
    if not user_has_device(request.user):
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.verify_current_code(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", INVALID_CODE)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/verify.html", context)


PENDING_KEY = "accounts.pending_totp_key"


def setup_2fa(request: HttpRequest) -> HttpResponse:
    """Add a TOTP device: scan the code or type the key, then confirm with a code.

    A user who already has a device must first pass it (a half-signed-in session is sent
    to the verify page), then type a code from it again here: the new device replaces it.
    Nothing is stored before the code of the new key is confirmed."""
    user = request.user
    replacing = user_has_device(user)
    if replacing and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.path})}")
    key = request.session.get(PENDING_KEY) or actions.new_device_key()
    request.session[PENDING_KEY] = key
    form = SetupForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if replacing and actions.verify_current_code(user, data["current"]) is None:
            form.add_error("current", INVALID_CODE)
        elif not actions.code_matches_key(user, key, data["token"]):
            form.add_error("token", INVALID_CODE)
        else:
            device = actions.add_device(user, key)
            del request.session[PENDING_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect(_next_url(request))
    device = actions.device_for_key(user, key)
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "replacing": replacing,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, title=_("QR code for your authenticator app")
        ),
        "required": second_factor_required(user),
        "next": _next_url(request),
    }
    return render(request, "accounts/setup_2fa.html", context)


@require_POST
def remove_2fa(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, with a code from the device, where allowed."""
    user = request.user
    if second_factor_required(user) or not user_has_device(user):
        raise PermissionDenied
    form = RemoveForm(request.POST)
    if form.is_valid() and actions.verify_current_code(user, form.cleaned_data["current"]):
        actions.remove_devices(user)
        messages.success(request, _("Two-factor authentication is now off."))
        return redirect("accounts:security")
    if form.is_valid():
        form.add_error("current", INVALID_CODE)
    return render(request, "accounts/security.html", _security_context(user, form), status=400)


@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """The account page: two-factor authentication, and the user's own settings
    (language, daily digest and its hour), saved by a POST here."""
    user = request.user
    form = PreferencesForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            actions.update_preferences(user, **form.cleaned_data)
            messages.success(request, _("Your settings are saved."))
            response = redirect("accounts:security")
            if user.language:  # the interface follows the chosen language at once
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language)
            else:
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            return response
        context = _security_context(user, preferences_form=form)
        return render(request, "accounts/security.html", context, status=400)
    return render(request, "accounts/security.html", _security_context(user, preferences_form=form))


def _security_context(
    user: object,
    remove_form: RemoveForm | None = None,
    preferences_form: PreferencesForm | None = None,
) -> dict[str, object]:
    has_device = user_has_device(user)
    may_remove = has_device and not second_factor_required(user)
    return {
        "has_device": has_device,
        "remove_form": (remove_form or RemoveForm()) if may_remove else None,
        "preferences_form": preferences_form or PreferencesForm(user=user),
    }


@login_not_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user's profile when signed in."""
    chosen = request.POST.get("language", "")
    if request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        actions.set_language(request.user, chosen)
    response = django_set_language(request)
    return response if isinstance(response, HttpResponseRedirect) else redirect("/")
