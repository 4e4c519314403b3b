"""Helpers for the browser tests: sign in, and check a page with axe-core."""

from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        page.wait_for_url("**/accounts/verify/**")
        page.fill("input[name=token]", f"{totp(device.bin_key):06d}")
        with page.expect_navigation():
            page.click("main button[type=submit]")


def sign_out(page: Any) -> None:
    page.click(".site-account button[type=submit]")
    page.wait_for_url("**/accounts/login/**")


def serious_violations(page: Any) -> list[str]:
    """Run axe-core (vendored in static/vendor) on the page; serious or critical only."""
    page.wait_for_load_state("load")  # a click may still be navigating
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/vendor/axe.min.js")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page: Any) -> None:
    violations = serious_violations(page)
    assert violations == [], "\n".join(violations)
