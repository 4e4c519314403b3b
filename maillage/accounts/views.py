"""Sign in, second factor, sign out, language."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import actions
from .forms import TokenForm
from .middleware import needs_second_factor


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


def verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the user's authenticator app."""
    if not user_has_device(request.user):
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error(
            "token", _("This code is not valid. Check your device's clock and try again.")
        )
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/verify.html", context)


def setup_2fa(request: HttpRequest) -> HttpResponse:
    """Add a TOTP device: scan the code or type the key, then confirm with a code."""
    device = actions.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            actions.confirm_device(device, by=request.user)
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect(_next_url(request))
        form.add_error(
            "token", _("This code is not valid. Check your device's clock and try again.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=4, title=_("QR code for your authenticator app")
        ),
        "required": needs_second_factor(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/setup_2fa.html", context)


def security(request: HttpRequest) -> HttpResponse:
    context = {"has_device": user_has_device(request.user)}
    return render(request, "accounts/security.html", context)


@login_not_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the user's profile when signed in."""
    chosen = request.POST.get("language", "")
    if request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        actions.set_language(request.user, chosen)
    response = django_set_language(request)
    return response if isinstance(response, HttpResponseRedirect) else redirect("/")
