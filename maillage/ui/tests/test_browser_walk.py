"""In Chromium: every page each persona can reach by following links loads without a
server error and without a serious or critical accessibility violation."""

from collections import deque
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from maillage.casefile import actions as casefile_actions
from maillage.testing import PASSWORD, Personas, make_person

from .browser import serious_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES = 40
SKIP_PREFIXES = ("/accounts/logout", "/static/", "/api/", "/admin/logout", "/admin/jsi18n")


@pytest.fixture
def cast():
    Personas.build_cast()
    for kind in ("open", "accept", "refuse"):
        support_request = Personas.record(
            Personas.brusano,
            Personas.ines,
            make_person(family_name=f"Walk{kind}"),
            facts={"living_situation": "home"},
        )
        if kind == "accept":
            casefile_actions.answer_request(
                support_request,
                by=Personas.ines,
                kind="accept",
                case_workers=[Personas.camille, Personas.noor],
            )
        elif kind == "refuse":
            casefile_actions.answer_request(
                support_request, by=Personas.ines, kind="refuse", reason="Outside our mission."
            )
    return Personas


def walk(page, start: str = "/") -> tuple[list[str], list[str]]:
    """Breadth-first over same-site links; return (pages seen, problems)."""
    seen, problems, queue = [], [], deque([start])
    visited = {start}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        seen.append(path)
        try:
            response = page.goto(path)
        except PlaywrightError as error:
            if "Download is starting" not in str(error):
                raise
            # An attachment (CSV, XLSX…): fetched with the same session, it must be served.
            download = page.request.get(path)
            if download.status >= 400:
                problems.append(f"{path}: download answered {download.status}")
            continue
        if response is None or response.status >= 500:
            problems.append(f"{path}: server error {response.status if response else '?'}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a download: the network map as SVG, a PDF, a calendar file
        problems += serious_violations(page)
        here = urlparse(page.url).netloc
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(href)  # absolute: relative links such as "?tab=team" resolved
            if url.netloc != here:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in visited and not target.startswith(SKIP_PREFIXES):
                visited.add(target)
                queue.append(target)
    return seen, problems


@pytest.mark.parametrize(
    "username", ["ines", "camille", "bob", "lea", "olivier", "ana", "adam", "pat", "zoe"]
)
def test_every_reachable_page_works_and_is_accessible(page, cast, username):
    sign_in(page, username, PASSWORD)
    seen, problems = walk(page)
    assert len(seen) >= 3, seen
    assert problems == [], "\n".join(problems)
