"""In Chromium, on a phone (390×844) and a laptop (1366×768), in French and in Dutch.

The case file of a case with a year of history, its plan and the directory hold in the
width of the screen: the page never scrolls sideways, and nothing sticks out of it except
inside a container that scrolls on its own (a wide table), which then shows a shadow as a
hint and can be reached with the keyboard. On the laptop the header is one row for every
account, with the longest menus (team lead, administrator) and long names. The coverage
heat map shows its 19 communes, none cut off. The pages pass axe-core.

Screenshots are written to /tmp/layout-<language>-<width>-<page>.png to be looked at.
"""

from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from maillage.benchmark.history import new_case, year_of_history
from maillage.directory.demo import seed_directory
from maillage.directory.models import Service
from maillage.testing import PASSWORD, Personas

from .browser import serious_violations, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, LAPTOP = (390, 844), (1366, 768)
SHOTS = Path("/tmp")

# Every element sticking out of the viewport, unless a container around it scrolls.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const scrolls = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left >= -0.5 && box.right <= width + 0.5) continue;
    if (scrolls(element)) continue;
    found.push(`${element.tagName.toLowerCase()}.${element.className} [${box.left}, ${box.right}]`);
  }
  return found;
}"""
# Containers that scroll sideways: each needs its hint (a shadow drawn on the side where
# more is, by background-attachment: local) and must be reachable with the keyboard.
SCROLLERS_WITHOUT_HINT = """() => [...document.querySelectorAll('main *')]
  .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
  .filter((element) => element.scrollWidth > element.clientWidth + 1)
  .filter((element) => {
    const style = getComputedStyle(element);
    return !(style.backgroundAttachment.includes('local')
             && style.backgroundImage.includes('gradient') && element.tabIndex === 0);
  })
  .map((element) => element.className || element.tagName)"""
# The header's parts (name, menu, account, language) side by side: one row.
HEADER_ROWS = """() => {
  const tops = [...document.querySelector('.header-inner').children]
    .map((part) => Math.round(part.getBoundingClientRect().top));
  return new Set(tops.map((top) => Math.round(top / 8))).size;
}"""
# The 19 commune names of the heat map: each inside the map's drawing and on screen.
COMMUNES_IN_VIEW = """() => {
  const svg = document.querySelector('.directory-heatmap svg');
  const frame = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text.commune')].filter((name) => {
    const box = name.getBoundingClientRect();
    return box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5
      && box.top >= frame.top - 0.5 && box.right <= window.innerWidth + 0.5;
  }).length;
}"""


@pytest.fixture
def year_case():
    """Camille and Noor's case with a year of history, and the demo directory."""
    Personas.build_cast()
    case = new_case(
        programme=Personas.brusano,
        intake=Personas.ines,
        workers=[Personas.camille, Personas.noor],
        family_name="Vandenberghe-Wijkgezondheidscentrum",
    )
    year_of_history(case, by=Personas.camille)
    seed_directory(synthetic=40)
    return case


def pages_of(case) -> list[tuple[str, str]]:
    base = f"/cases/{case.pk}/"
    conference = case.conferences.order_by("starts_at").first()
    service = Service.objects.get(name__icontains="zones grises")
    return [
        ("overview", base),
        ("consent", f"{base}consent/"),
        ("assessments", f"{base}assessments/"),
        ("assessment", f"{base}assessments/{case.assessments.first().pk}/"),
        ("network", f"{base}network/"),
        ("network-map", f"{base}network/map/"),
        ("plan", f"{base}plan/"),
        ("crisis-plan", f"{base}plan/crisis/"),
        ("journal", f"{base}journal/"),
        ("timeline", f"{base}timeline/"),
        ("conferences", f"/conferences/case/{case.pk}/"),
        ("conference", f"/conferences/{conference.pk}/"),
        ("minutes", f"/conferences/{conference.pk}/minutes/"),
        ("directory-search", "/directory/?q=sant%C3%A9+mentale"),
        ("directory-service", f"/directory/services/{service.pk}/"),
        ("coverage", "/directory/coverage/"),
    ]


def choose_language(page, language: str) -> None:
    page.goto("/accounts/login/")
    page.select_option("#language-switcher-select", language)
    page.click(".language-switcher button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_case_file_and_the_directory_hold_on_a_phone_and_a_laptop(page, year_case, language):
    choose_language(page, language)
    sign_in(page, "camille", PASSWORD)
    problems = []
    for width, height in (PHONE, LAPTOP):
        page.set_viewport_size({"width": width, "height": height})
        for name, url in pages_of(year_case):
            response = page.goto(url)
            assert response is not None and response.status == 200, (url, response)
            expect(page.locator("html")).to_have_attribute("lang", language)
            where = f"{language} {width}px {name}"
            page.screenshot(
                path=str(SHOTS / f"layout-{language}-{width}-{name}.png"), full_page=True
            )
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                problems.append(f"{where}: the page scrolls sideways ({scroll_width}px)")
            problems += [f"{where}: sticks out: {e}" for e in page.evaluate(OVERFLOWING)]
            problems += [
                f"{where}: scrolls without hint: {e}" for e in page.evaluate(SCROLLERS_WITHOUT_HINT)
            ]
            if width == LAPTOP[0]:
                rows = page.evaluate(HEADER_ROWS)
                if rows != 1:
                    problems.append(f"{where}: the header has {rows} rows")
            if name == "coverage":
                expect(page.locator(".directory-heatmap svg text.commune")).to_have_count(19)
                in_view = page.evaluate(COMMUNES_IN_VIEW)
                if in_view != 19:
                    problems.append(f"{where}: {in_view} of the 19 communes in view")
            if width == PHONE[0]:
                problems += serious_violations(page)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_header_is_one_row_on_a_laptop_for_every_account(page, language):
    Personas.build_cast()
    # Long names, and the second factor the team lead, the administrator and the partner
    # pass before they see their menu.
    for user, last_name in (
        (Personas.lea, "Vandenberghe-Dubois de Schaerbeek"),
        (Personas.adam, "Van den Bossche-Wijnants"),
    ):
        user.last_name = last_name
        user.save(update_fields=["last_name"])
    for user in (Personas.lea, Personas.adam, Personas.pat):
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    choose_language(page, language)
    problems = []
    for username in ("ines", "camille", "bob", "lea", "olivier", "ana", "adam", "pat", "zoe"):
        sign_in(page, username, PASSWORD)
        page.goto("/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".site-account")).to_be_visible()
        header = page.locator(".site-header")
        header.screenshot(path=str(SHOTS / f"layout-header-{language}-{username}.png"))
        rows = page.evaluate(HEADER_ROWS)
        height = header.bounding_box()["height"]
        if rows != 1 or height > 72:
            problems.append(f"{language} {username}: {rows} rows, {height}px high")
        if page.evaluate("document.documentElement.scrollWidth") > LAPTOP[0]:
            problems.append(f"{language} {username}: the page scrolls sideways")
        sign_out(page)
    assert problems == [], "\n".join(problems)
