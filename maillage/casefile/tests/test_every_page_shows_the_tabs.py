"""Every page of the case file shows its tabs, with the page's own part marked.

The pages are found in the project's URL patterns (every URL with a `case_id`), so a new
case-file page that forgets the case-file base template fails here.
"""

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from maillage.access.tests.test_page_matrix import MATRIX
from maillage.casefile import actions as casefile_actions
from maillage.cases.models import Case
from maillage.testing import MaillageTestCase

# Pages with a case_id that are not the workers' case file.
NOT_THE_CASE_FILE = (
    "api-1:",  # the JSON API
    "partners:",  # a partner's consent-limited view of the case
    "space:",  # the person's own space and its management
)


def case_file_pages() -> list[str]:
    """The url names of the HTML pages whose URL holds a case id."""
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str, in_case: bool) -> None:
        for pattern in patterns:
            here = in_case or "case_id" in pattern.pattern.converters
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, here)
            elif isinstance(pattern, URLPattern) and pattern.name and here:
                names.append(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "", False)
    return [name for name in names if not name.startswith(NOT_THE_CASE_FILE)]


class EveryCaseFilePageShowsTheTabsTests(MaillageTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.case = cls.open_case()
        cls.closed = cls.open_case()
        Case.objects.filter(pk=cls.closed.pk).update(phase=Case.Phase.CLOSED)

    @classmethod
    def open_case(cls) -> Case:
        support_request = cls.record(cls.brusano, cls.ines)
        casefile_actions.answer_request(
            support_request, by=cls.ines, kind="accept", case_workers=[cls.camille]
        )
        return Case.objects.get(support_request=support_request)

    def url(self, name: str, case: Case) -> str:
        _method, key, _expected, _anonymous = MATRIX[name]
        kwargs = key(case) if callable(key) else {}  # the central table's rows: "case"
        return reverse(name, kwargs={"case_id": case.pk, **kwargs})

    def test_the_pages_are_found(self):
        names = case_file_pages()
        for name in ("cases:detail", "consent:list", "conferences:case_list"):
            self.assertIn(name, names)

    def test_each_page_marks_one_tab_as_the_current_page(self):
        self.login(self.camille)
        failures = []
        for name in case_file_pages():
            if MATRIX[name][0] != "get" or name.endswith("print") or "map_svg" in name:
                continue  # a change (POST), a one-page print or an image: no tabs
            response = self.client.get(self.url(name, self.case))
            if response.status_code == 403:  # a page of closed cases only
                response = self.client.get(self.url(name, self.closed))
            if response.status_code != 200:
                failures.append(f"{name}: status {response.status_code}")
                continue
            content = response.content.decode()
            current = content.count('aria-current="page"')
            if "case-tabs" not in content:
                failures.append(f"{name}: no tabs")
            elif current != 1:
                failures.append(f"{name}: {current} current tabs")
        self.assertEqual(failures, [])
