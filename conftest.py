"""Test settings: fast password hashing, plain HTTP, static files without a manifest."""

from typing import Any


def pytest_configure(config: Any) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.PUBLIC_ALTCHA_COST = 10  # a cheap proof of work: tests solve many
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}  # jobs run at once in tests
    from django_q.conf import Conf

    Conf.SYNC = True  # django-q2 reads its settings once, at import
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

import os  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

CHROMIUM = os.environ.get("MAILLAGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    """A Chromium browser; the test is reported skipped (never passed) without one."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"browser test skipped: Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright runs an event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language, whatever the previous one activated."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """The long files first (browser tests, the crawls of every page): with one file per
    worker (`--dist loadfile`), the short ones then fill in and both workers end together
    instead of one of them running the longest file last, alone."""

    def rank(item: Any) -> int:
        return (
            0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        )

    items.sort(key=rank)
