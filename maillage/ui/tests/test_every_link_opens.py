"""Every link a role is shown opens for that role: no 404, no 403, no server error and
no "sign in again" behind a link.

With the demo data (`seed_demo`, small), each demo account signs in (past the second
factor where it has one) and follows, breadth-first from the home page, every same-site
`<a href>` of every HTML page it is shown, the administration included; a link that
answers a download (PDF, CSV, SVG, iCalendar…) is opened too. A link fails when, after
its redirects, it answers 403, 404 or 5xx, or lands on the sign-in or second-factor page.

To stay fast, the crawl opens a few links of each kind (same URL pattern, same query
parameters; see PER_SHAPE and PER_ROUTE) rather than every row of every list, and PDFs
are not drawn (their drawing is tested with each print); a failure names the account,
the page the link was on, the link and its status.
"""

from collections import Counter, deque
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from unittest import mock
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import Resolver404, resolve, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.middleware import second_factor_required
from maillage.accounts.models import User

pytestmark = pytest.mark.slow  # scheduled first (conftest.py)

HOST = "testserver"
MAX_PAGES = 300  # per account
PER_SHAPE = 2  # links opened per URL pattern and set of query parameters
PER_ROUTE = 6  # links opened per URL pattern, whatever their query parameters
SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout", "/admin/logout")


@dataclass(frozen=True)
class BrokenLink:
    account: str
    page: str
    link: str
    status: str

    def __str__(self) -> str:
        return f"{self.account}: on {self.page}, {self.link} answers {self.status}"


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_of(html: str, page_url: str) -> list[str]:
    """Same-site links of a page as path?query, fragments dropped."""
    collector = LinkCollector()
    collector.feed(html)
    links = []
    for href in collector.hrefs:
        url = urlsplit(urljoin(f"http://{HOST}{page_url}", href.strip()))
        if url.scheme in ("http", "https") and url.netloc == HOST:
            links.append(url.path + (f"?{url.query}" if url.query else ""))
    return links


def shape_of(link: str) -> tuple[str, tuple[str, ...]]:
    """What a link is an instance of: its URL pattern and the names of its parameters
    (in the administration, Django's sorting and filtering links count as one)."""
    url = urlsplit(link)
    try:
        route = resolve(url.path).route
    except Resolver404:
        route = url.path  # a link to nowhere: opened, and reported as 404
    if url.path.startswith("/admin/"):
        return route, ()
    return route, tuple(sorted({name for name, _value in parse_qsl(url.query)}))


def signed_in(username: str) -> Client:
    """A session of this demo user, past the second factor as `MaillageTestCase.login`."""
    user = User.objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def crawl(username: str) -> tuple[int, list[BrokenLink]]:
    """Follow every link this account is shown; return (pages opened, broken links)."""
    client = signed_in(username)
    sign_in_pages = {reverse(f"accounts:{name}") for name in ("login", "verify")}
    queue, queued = deque([("/", "(home)")]), {"/"}
    routes: Counter[str] = Counter()
    shapes: Counter[tuple[str, tuple[str, ...]]] = Counter()
    opened, broken = 0, []
    while queue and opened < MAX_PAGES:
        link, page = queue.popleft()
        opened += 1
        response = client.get(link, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else link
        if response.status_code in (403, 404) or response.status_code >= 500:
            broken.append(BrokenLink(username, page, link, str(response.status_code)))
            continue
        if urlsplit(landed).path in sign_in_pages:
            broken.append(BrokenLink(username, page, link, f"a redirect to {landed}"))
            continue
        if "text/html" not in response.get("Content-Type", "") or response.streaming:
            continue  # a download opened: nothing to follow
        for target in links_of(response.content.decode(), landed):
            shape = shape_of(target)
            if target in queued or target.startswith(SKIP_PREFIXES):
                continue
            if shapes[shape] >= PER_SHAPE or routes[shape[0]] >= PER_ROUTE:
                continue
            queued.add(target)
            shapes[shape] += 1
            routes[shape[0]] += 1
            queue.append((target, landed))
    return opened, broken


def stub_pdf(*args: object, **kwargs: object) -> bytes:
    return b"%PDF-1.7\n%%EOF\n"


class EveryLinkOpensTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("seed_demo", persons=24, quiet=True, stdout=StringIO())

    def assert_every_link_opens(self, username: str) -> None:
        with mock.patch("weasyprint.HTML.write_pdf", stub_pdf):
            opened, broken = crawl(username)
        self.assertGreater(opened, 1, f"{username} is shown no link from the home page.")
        self.assertEqual(
            broken,
            [],
            f"{len(broken)} broken link(s) of {opened} opened:\n"
            + "\n".join(str(b) for b in broken),
        )

    def test_intake(self) -> None:
        self.assert_every_link_opens("intake")

    def test_case_manager_brusano(self) -> None:
        self.assert_every_link_opens("cm1")

    def test_case_manager_bru_stars(self) -> None:
        self.assert_every_link_opens("cm2")

    def test_team_lead(self) -> None:
        self.assert_every_link_opens("lead")

    def test_conference_organiser(self) -> None:
        self.assert_every_link_opens("organiser")

    def test_partner(self) -> None:
        self.assert_every_link_opens("partner")

    def test_directory_editor(self) -> None:
        self.assert_every_link_opens("editor")

    def test_person_in_their_own_space(self) -> None:
        self.assert_every_link_opens("personne")

    def test_analyst(self) -> None:
        self.assert_every_link_opens("analyst")

    def test_administrator(self) -> None:
        self.assert_every_link_opens("admin")


def test_links_are_read_relative_to_the_page_and_kept_on_site() -> None:
    html = (
        '<a href="?tab=team#top">tab</a> <a href="edit/">edit</a> <a href="/cases/">cases</a>'
        '<a href="https://example.be/">away</a> <a href="mailto:a@example.be">mail</a>'
        '<a href="#main">skip</a> <a>no link</a>'
    )
    assert links_of(html, "/cases/1/") == [
        "/cases/1/?tab=team",
        "/cases/1/edit/",
        "/cases/",
        "/cases/1/",
    ]


def test_a_link_to_nowhere_is_its_own_shape() -> None:
    assert shape_of("/no/such/page/?b=1&a=2") == ("/no/such/page/", ("a", "b"))


def test_the_administration_s_sorting_and_filtering_links_are_one_shape() -> None:
    assert shape_of("/admin/accounts/user/?o=1") == shape_of("/admin/accounts/user/?q=a")
