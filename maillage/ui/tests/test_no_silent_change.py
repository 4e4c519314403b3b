"""No silent change, ever: every edit form of the site, saved unchanged in French, Dutch
and English, leaves what is stored as it was, and shows every stored date in the one form
a browser's date field can show (`2026-12-05`, `2026-12-05T14:30`).

How a page is found, with nothing to register: the test walks the site's own URL list
(`get_resolver()`) in the demo data (`seed_demo`). For each URL pattern it opens the
links to it that the pages opened so far showed, as the user who saw them; or, when no
page links to it, addresses filled from rows of the demo data (PARAMETERS says which
model a URL parameter names; with several, one row names the others through its foreign
keys), as the users of the row's case (its workers, partners, the person) or else the
demo's other accounts, until someone is shown an edit form (`Walk`). A new edit page is
tested as soon as its URL exists; a URL parameter unknown to PARAMETERS fails the test
until it is added there.

What counts as an edit form: a `<form method="post">` that
1. carries the stored object's version (a hidden `version`, `<prefix>-version` or
   `based_on_version` with a value): a new object has none, so create forms are out;
2. shows the user at least one filled-in value (an input with a value, a textarea with
   text, a checked box, a chosen option): the stored data the user would save unchanged;
3. does not act on the object instead of editing it: end, close, cancel, hold, withdraw…
   pass 1 and 2 when they propose a value (the end date of an actor is today), so they
   are left out by the name of the URL they post to (ACTIONS). The test fails if an
   entry of ACTIONS no longer matches any form, so the list cannot rot.
Also out: the JSON API and the admin site (no pages of ours), links with a secret token
(`<token>`: only its digest is stored, so no page can be opened from the data), and
downloads (PDF, CSV, SVG, iCalendar, JSON).

Each edit form is submitted as a browser sends it (`html_forms`: a value its field
cannot hold is dropped, like `05/12/2026` in a date field; line breaks go as CRLF; the
save button; the CSRF token), and then:
- no stored row of ours has changed, except bookkeeping (BOOKKEEPING: version counters,
  `updated_at`, `last_modified`; the audit trail and sessions are not compared);
- nothing was deleted (unless written again as it was), and a new row is only a new
  version of a versioned record (the crisis plan and its contacts, a consent record and
  its shares) that repeats an existing row field for field, its agreed-on date included
  (NEW_VERSION_BOOKKEEPING apart);
- the form was accepted (a redirect), unless REFUSED_BY_DESIGN says why it cannot be.
Each submission is rolled back before the next. Silent changes found but not fixed yet
are listed in KNOWN_CHANGES, each with its reason; the test fails once one is fixed, so
that the list only holds what is still true.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.forms.formsets import BaseFormSet
from django.test import Client, TestCase
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from maillage.accounts.middleware import second_factor_required
from maillage.accounts.models import User
from maillage.assessments.models import Assessment
from maillage.cases.models import Case, JournalEntry
from maillage.conferences.models import Conference, ConferenceDecision, Invitation
from maillage.directory.models import Service
from maillage.intake.models import Requester, SupportRequest
from maillage.network.models import Actor
from maillage.notifications.models import Notification
from maillage.orientation.models import Referral
from maillage.people.models import Person
from maillage.plans.models import Action, CrisisPlan, Goal
from maillage.public.models import PublicSubmission
from maillage.space.models import ConsentWish, SpaceAccount

from .html_forms import Form, forms_of

pytestmark = pytest.mark.slow  # scheduled first (conftest.py)

DEMO_PERSONS = 24

# URL parameter → (model, attribute giving its value in the URL).
PARAMETERS: dict[str, tuple[type[models.Model], str]] = {
    "case_id": (Case, "pk"),
    "request_id": (SupportRequest, "pk"),
    "requester_id": (Requester, "pk"),
    "person_id": (Person, "pk"),
    "entry_id": (JournalEntry, "pk"),
    "assessment_id": (Assessment, "pk"),
    "actor_id": (Actor, "pk"),
    "goal_id": (Goal, "pk"),
    "action_id": (Action, "pk"),
    "version": (CrisisPlan, "version"),
    "conference_id": (Conference, "pk"),
    "invitation_id": (Invitation, "pk"),
    "decision_id": (ConferenceDecision, "pk"),
    "wish_id": (ConsentWish, "pk"),
    "account_id": (SpaceAccount, "pk"),
    "referral_id": (Referral, "pk"),
    "service_id": (Service, "pk"),
    "suggestion_id": (apps.get_model("directory", "Suggestion"), "pk"),
    "notification_id": (Notification, "pk"),
    "submission_id": (PublicSubmission, "pk"),
}
SECRET_PARAMETERS = {"token"}
SKIPPED_PREFIXES = ("admin/", "api/")
DOWNLOAD = re.compile(r"\.\w+$")  # export.pdf, coverage.csv, map.svg, <token>.ics…

# The demo's accounts, tried after the case's own workers.
OTHER_USERS = ("lead", "partner", "personne", "intake", "editor", "organiser", "admin")
PAGES_PER_PATTERN = 2  # edit pages kept for a URL pattern
OPENED_PAGES_PER_PATTERN = 3  # pages opened without an edit form before leaving it
UNOPENED_ROWS_PER_PATTERN = 12
LINKS_PER_PATTERN = 4

# Forms that act on the object rather than edit it (url names they post to).
ACTIONS = {
    "network:end": "ends the actor's place in the network (proposes today)",
}
# Silent changes found and not fixed yet: (url name posted to, or "*" for any; text of
# the problem) → why. Each must still happen: when one is fixed, the test asks to remove
# it from here.
KNOWN_CHANGES: dict[tuple[str, str], str] = {}
# Edit forms that cannot be saved unchanged, on purpose.
REFUSED_BY_DESIGN = {
    "records:identity": "a correction of identity must say why it is made",
    "consent:share_with": (
        "for an actor who receives nothing yet, it asks to tick what they may receive or "
        "to choose 'Not now': there is no stored answer to keep"
    ),
}
VERSION_FIELD = re.compile(r"(?:^|-)(?:based_on_)?version$")

BOOKKEEPING = {"version", "updated_at", "last_modified"}
NEW_VERSION_BOOKKEEPING = BOOKKEEPING | {
    "id",
    "created_at",
    "created_by",
    "recorded_at",
    "recorded_by",
}
NOT_COMPARED = {"audit.auditevent", "audit.audithead"}


@dataclass
class EditPage:
    pattern: str
    url: str
    username: str
    forms: int  # how many edit forms it shows


class NoSilentChangeTests(TestCase):
    pages: list[EditPage]
    unreachable: list[str]

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("seed_demo", persons=DEMO_PERSONS, quiet=True, stdout=_Quiet())
        # Texts written through the API keep bare line feeds; a browser sends CRLF.
        Action.objects.update(how=Concat("how", Value("\nsecond line")))
        Goal.objects.update(own_words=Concat("own_words", Value("\nsecond line")))
        cls.pages, cls.unreachable = find_edit_pages()

    def test_french(self) -> None:
        self.check_language("fr")

    def test_dutch(self) -> None:
        self.check_language("nl")

    def test_english(self) -> None:
        self.check_language("en")

    def test_the_walk_reaches_the_edit_forms_of_the_case_file(self) -> None:
        reached = {page.pattern for page in self.pages}
        for pattern in (
            "cases/<uuid:case_id>/",
            "cases/<uuid:case_id>/plan/actions/<uuid:action_id>/",
            "cases/<uuid:case_id>/plan/crisis/edit/",
            "partner/actions/<uuid:action_id>/",
            "conferences/<uuid:conference_id>/edit/",
            "directory/services/<str:service_id>/edit/",
        ):
            self.assertIn(pattern, reached, f"no edit form found at {pattern}")
        self.assertEqual(self.unreachable, [])

    def check_language(self, language: str) -> None:
        User.objects.update(language=language)
        problems: list[str] = []
        known: set[tuple[str, str]] = set()
        acted_on: set[str] = set()
        for page in self.pages:
            client = signed_in(page.username)
            response = client.get(page.url)
            html = response.content.decode()
            edit_forms = [form for form in forms_of(html) if is_edit_form(form, page.url)]
            where = f"[{language}] {page.url} as {page.username}"
            if len(edit_forms) != page.forms:
                problems.append(f"{where}: {len(edit_forms)} edit forms, {page.forms} in 'en'")
            problems += [f"{where}: {p}" for p in dates_not_in_iso(response, forms_of(html))]
            acted_on |= acted_on_by(forms_of(html), page.url)
            for index in range(len(edit_forms)):
                problems += [
                    f"{where}, form {index + 1} → {p}"
                    for p in submit_unchanged(client, page.url, index, known)
                ]
        unused = set(ACTIONS) - acted_on
        self.assertEqual(problems, [], "\n" + "\n".join(problems))
        self.assertEqual(unused, set(), "ACTIONS names forms no page shows any more")
        self.assertEqual(set(KNOWN_CHANGES) - known, set(), "fixed: remove from KNOWN_CHANGES")


# The walk ------------------------------------------------------------------------------


def url_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """The full route of every URL of the site, in order."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_routes(entry, route)
        else:
            yield route


def find_edit_pages() -> tuple[list[EditPage], list[str]]:
    """The pages that show an edit form, each with a user who sees it (found in English,
    where dates already show in ISO form); and what could not be walked."""
    User.objects.update(language="en")
    walk = Walk()
    for route in url_routes():
        if route.startswith(SKIPPED_PREFIXES):
            continue
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if names & SECRET_PARAMETERS or DOWNLOAD.search(route):
            continue
        if names - set(PARAMETERS):
            walk.problems.append(f"{route}: teach PARAMETERS {sorted(names - set(PARAMETERS))}")
            continue
        walk.pattern(route, names)
    return walk.pages, walk.problems


class Walk:
    """For each pattern, addresses are tried as the users who may change them: the
    links to it seen on the pages opened so far (the way a user gets there), or, if no
    page links to it, rows of the demo data (most dates first) as the users linked to
    them (their case's workers, partners and person; else the demo's other accounts).
    A pattern is left after PAGES_PER_PATTERN edit pages, after OPENED_PAGES_PER_PATTERN
    pages opened without an edit form, after UNOPENED_ROWS_PER_PATTERN rows in a row
    nobody could open, or at once if it is a download or answers POST only."""

    def __init__(self) -> None:
        self.clients = Clients()
        self.links: dict[str, list[tuple[str, str]]] = {}  # route → (url, who saw it)
        self.pages: list[EditPage] = []
        self.problems: list[str] = []

    def pattern(self, route: str, names: set[str]) -> None:
        found = opened = unopened = 0
        for url, usernames in self.addresses(route, names):
            outcome = self.open(route, url, usernames)
            if outcome == "leave":
                return
            found += outcome == "edit"
            opened += outcome in ("edit", "opened")
            unopened = unopened + 1 if outcome == "unopened" else 0
            if (
                found == PAGES_PER_PATTERN
                or opened - found >= OPENED_PAGES_PER_PATTERN
                or unopened >= UNOPENED_ROWS_PER_PATTERN
            ):
                return

    def addresses(self, route: str, names: set[str]) -> Iterator[tuple[str, list[str]]]:
        if route in self.links:
            for url, username in self.links[route]:
                yield url, [username]
            return
        for kwargs, row in candidates(names):
            yield "/" + _fill(route, kwargs), users_for(row)

    def open(self, route: str, url: str, usernames: list[str]) -> str:
        """Open the page as each user in turn, until one is shown an edit form."""
        outcome = "unopened"
        for username in usernames:
            response = self.clients[username].get(url)
            if response.status_code == 405 or (
                response.status_code == 200 and not _is_html(response)
            ):
                return "leave"  # a POST-only address, or a download
            if response.status_code >= 500:
                self.problems.append(f"{url}: server error for {username}")
            if response.status_code != 200:
                continue
            html = response.content.decode()
            self.remember_links(html, username)
            count = sum(is_edit_form(form, url) for form in forms_of(html))
            if count:
                self.pages.append(EditPage(route, url, username, count))
                return "edit"
            outcome = "opened"
        return outcome

    def remember_links(self, html: str, username: str) -> None:
        for href in re.findall(r'<a [^>]*href="(/[^"?#]*)', html):
            try:
                route = resolve(href).route
            except Resolver404:
                continue
            seen = self.links.setdefault(route, [])
            if len(seen) < LINKS_PER_PATTERN and href not in (url for url, _user in seen):
                seen.append((href, username))


def _is_html(response: Any) -> bool:
    return "text/html" in response.get("Content-Type", "")


def _fill(route: str, kwargs: dict[str, str]) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route)


def candidates(names: set[str]) -> Iterator[tuple[dict[str, str], models.Model | None]]:
    """URL arguments for a pattern from the demo data, with the row they come from: the
    rows with most dates first. With several parameters, one row names the others."""
    if not names:
        yield {}, None
        return
    for name in sorted(names):
        model, attribute = PARAMETERS[name]
        others = names - {name}
        if any(_parent_value(model, *PARAMETERS[other]) is None for other in others):
            continue  # this row cannot name the others
        for row in sorted(model.objects.all(), key=_date_count, reverse=True):
            kwargs = {name: str(getattr(row, attribute))}
            for other in others:
                value = _parent_value(row, *PARAMETERS[other])
                if value is None:
                    break
                kwargs[other] = value
            else:
                yield kwargs, row
        return


def _parent_value(
    row: models.Model | type[models.Model], model: type[models.Model], attribute: str
) -> str | None:
    """The value for `model` from `row`: its foreign key, or a row sharing one with it.
    Given a model instead of a row: "" if its rows can name `model`, else None."""
    is_row = isinstance(row, models.Model)
    for field in row._meta.concrete_fields:
        if field.is_relation and field.related_model is model:
            if not is_row:
                return ""
            parent = getattr(row, field.name)
            return None if parent is None else str(getattr(parent, attribute))
    for field in row._meta.concrete_fields:
        if not field.is_relation:
            continue
        for parent_field in model._meta.concrete_fields:
            if parent_field.is_relation and parent_field.related_model is field.related_model:
                if not is_row:
                    return ""
                parent = model.objects.filter(
                    **{parent_field.attname: getattr(row, field.attname)}
                ).first()
                if parent is not None:
                    return str(getattr(parent, attribute))
    return None


def _date_count(row: models.Model) -> int:
    return sum(
        getattr(row, field.attname) is not None
        for field in row._meta.concrete_fields
        if isinstance(field, models.DateField)
    )


def case_of(row: models.Model | None) -> Case | None:
    """The case a row belongs to, if any: itself, a foreign key, or a case naming it."""
    if row is None or isinstance(row, Case):
        return row
    for field in row._meta.concrete_fields:
        if field.is_relation and getattr(row, field.attname) is not None:
            parent = getattr(row, field.name)
            if isinstance(parent, Case):
                return parent
            if hasattr(parent, "case_id"):
                return parent.case
    for field in Case._meta.concrete_fields:
        if field.is_relation and isinstance(row, field.related_model):
            return Case.objects.filter(**{field.name: row}).first()
    return None


def users_for(row: models.Model | None) -> list[str]:
    """Who may change this row: the users of its case (workers, partners in its network,
    the person's own account), or else the demo's other accounts."""
    case = case_of(row)
    if case is None:
        return list(OTHER_USERS)
    workers = User.objects.filter(case_work__case=case, case_work__ended_at=None)
    others = User.objects.filter(
        Q(network_roles__case=case) | Q(space_account__person=case.person_id)
    ).exclude(pk__in=workers)
    return [user.username for query in (workers, others) for user in query.distinct()]


def signed_in(username: str) -> Client:
    """A browser session of this demo user, past the second factor where required."""
    user = User.objects.get(username=username)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


class Clients(dict[str, Client]):
    """One signed-in browser session per user."""

    def __missing__(self, username: str) -> Client:
        self[username] = signed_in(username)
        return self[username]


def is_edit_form(form: Form, page_url: str) -> bool:
    method, target = form.target(page_url)
    if method != "post" or _url_name(target) in ACTIONS:
        return False
    carries_version = any(
        VERSION_FIELD.search(c.name) and c.type == "hidden" and c.raw_value for c in form.controls
    )
    return carries_version and any(c.is_prefilled() for c in form.controls)


def acted_on_by(page_forms: list[Form], page_url: str) -> set[str]:
    return {_url_name(form.target(page_url)[1]) for form in page_forms} & set(ACTIONS)


def _url_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return ""  # another site


# The checks ----------------------------------------------------------------------------


def submit_unchanged(
    client: Client, page_url: str, index: int, known: set[tuple[str, str]]
) -> list[str]:
    """Submit the page's `index`-th edit form as it stands; what changed, if anything
    (apart from KNOWN_CHANGES, noted in `known` when seen)."""
    with transaction.atomic():
        response = client.get(page_url)
        form = [f for f in forms_of(response.content.decode()) if is_edit_form(f, page_url)][index]
        _method, target = form.target(page_url)
        before = snapshot()
        answer = client.post(
            target,
            urlencode(form.entries()),
            content_type="application/x-www-form-urlencoded",
        )
        after = snapshot()
        transaction.set_rollback(True)
    name = _url_name(target)
    problems = []
    for problem in changes(before, after):
        entry = next((k for k in KNOWN_CHANGES if k[0] in (name, "*") and k[1] in problem), None)
        if entry is None:
            problems.append(problem)
        else:
            known.add(entry)
    if answer.status_code != 302 and name not in REFUSED_BY_DESIGN:
        problems.append(f"refused ({answer.status_code}): {form_errors(answer)}")
    return problems


Snapshot = dict[str, dict[Any, dict[str, Any]]]


def _compared_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("maillage.") and model._meta.label_lower not in NOT_COMPARED
    ]


def snapshot() -> Snapshot:
    """Every row of our tables, field by field."""
    rows: Snapshot = {}
    for model in _compared_models():
        names = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label_lower] = {
            values[model._meta.pk.attname]: values for values in model.objects.values(*names)
        }
    return rows


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed between two snapshots. Not a change: bookkeeping; a row deleted and
    written again as it was (an assessment's domains, the search index); a new row that
    repeats an existing one (a new version of a versioned record), its links to other new
    rows read as links to the rows those repeat (a new version's contacts)."""
    problems = []
    for table, rows in after.items():
        old_rows = before[table]
        for pk in rows.keys() & old_rows.keys():
            old, row = old_rows[pk], rows[pk]
            problems += [
                _changed(f"{table}.{name}", old[name], value)
                for name, value in row.items()
                if name not in BOOKKEEPING and old[name] != value
            ]
    new_rows = [(t, pk) for t, rows in after.items() for pk in rows if pk not in before[t]]
    deleted = {t: set(rows.keys() - after[t].keys()) for t, rows in before.items()}
    repeats: dict[tuple[str, Any], Any] = {}  # new row → the old row it repeats
    while new_rows:
        ready = [
            (t, pk)
            for t, pk in new_rows
            if _content(t, after[t][pk], repeats, after, before) is not None
        ]
        if not ready:  # rows whose new parents repeat nothing
            problems += [f"new {t} row: {_short(after[t][pk])}" for t, pk in new_rows]
            break
        for table, pk in ready:
            new_rows.remove((table, pk))
            written = _content(table, after[table][pk], repeats, after, before)
            same = _find(written, table, before, deleted[table]) or _find(
                written, table, before, before[table].keys()
            )
            if same is None:
                difference, repeats[(table, pk)] = _closest(written, table, before)
                problems.append(f"new {table} row, {difference}")
            else:
                repeats[(table, pk)] = same
                deleted[table].discard(same)
    problems += [
        f"{table} row deleted: {_short(before[table][pk])}"
        for table, pks in deleted.items()
        for pk in pks
    ]
    return problems


def _changed(column: str, old: Any, new: Any) -> str:
    if isinstance(old, str) and isinstance(new, str) and _lf(old) == _lf(new):
        return f"{column} changed its line breaks only: {old!r} → {new!r}"
    return f"{column} changed: {old!r} → {new!r}"


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


Content = tuple[tuple[str, Any], ...]


def _content(
    table: str,
    row: dict[str, Any],
    repeats: dict[tuple[str, Any], Any],
    after: Snapshot,
    before: Snapshot,
) -> Content | None:
    """A row's content as a comparable key, without its id and the bookkeeping of a new
    version; a link to a new row reads as a link to the row it repeats (None while that
    one is not matched yet)."""
    values = []
    for field in apps.get_model(table)._meta.concrete_fields:
        if field.primary_key or field.name in NEW_VERSION_BOOKKEEPING:
            continue
        value = row[field.attname]
        if field.is_relation:
            target = field.related_model._meta.label_lower
            if target in after and value in after[target] and value not in before[target]:
                if (target, value) not in repeats:
                    return None
                value = repeats[(target, value)]
        values.append((field.attname, _hashable(value)))
    return tuple(values)


def _find(written: Content | None, table: str, before: Snapshot, pks: Any) -> Any:
    for pk in pks:
        if _content(table, before[table][pk], {}, before, before) == written:
            return pk
    return None


def _closest(written: Content | None, table: str, before: Snapshot) -> tuple[str, Any]:
    """How a new row differs from the existing row it is closest to, and that row (its
    new rows linked to it are then compared with that row's)."""
    existing = {pk: _content(table, row, {}, before, before) for pk, row in before[table].items()}
    if not existing or written is None:
        return f"the first of its table: {_short(dict(written or ()))}", None
    pk = max(existing, key=lambda pk: len(set(existing[pk] or ()) & set(written)))
    near = dict(existing[pk] or ())
    return "unlike any existing one; nearest differs in " + ", ".join(
        f"{name}: {near.get(name)!r} → {value!r}"
        for name, value in written
        if near.get(name) != value
    ), pk


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return repr(value)
    return value


def _short(row: dict[str, Any]) -> str:
    text = repr(row)
    return text if len(text) < 300 else text[:297] + "…"


def form_errors(response: Any) -> str:
    errors = [
        f"{name}: {' '.join(messages)}"
        for form in forms_in(response.context)
        if form.is_bound
        for name, messages in form.errors.items()
    ]
    return "; ".join(errors) or "(no form error shown)"


def forms_in(context: Any) -> list[forms.BaseForm]:
    """The Django forms a response's templates were given (in lists and formsets too)."""
    found: dict[int, forms.BaseForm] = {}

    def visit(value: Any, depth: int = 0) -> None:
        if isinstance(value, forms.BaseForm):
            found[id(value)] = value
        elif isinstance(value, BaseFormSet):
            for form in value.forms:
                visit(form, depth + 1)
        elif isinstance(value, (list, tuple)) and depth < 3:
            for item in value:
                visit(item, depth + 1)
        elif isinstance(value, dict) and depth < 3:
            for item in value.values():
                visit(item, depth + 1)

    for template_context in context or []:
        visit(template_context.flatten())
    return list(found.values())


def dates_not_in_iso(response: Any, page_forms: list[Form]) -> list[str]:
    """Every date and date-time a form was filled with must be in the `value` of its
    field, in ISO form: what a browser's date field needs to show it."""
    problems = []
    for form in forms_in(response.context):
        for name, field in form.fields.items():
            if not isinstance(field, (forms.DateField, forms.DateTimeField)):
                continue
            stored = form.get_initial_for_field(field, name)
            if stored in (None, ""):
                continue
            html_name = form.add_prefix(name)
            shown = [value for f in page_forms for value in f.values(html_name)]
            if not shown:
                continue  # not on this page
            expected = _iso(stored)
            if expected not in shown:
                problems.append(f"{html_name} shows {shown}, stored {expected}")
    return problems


def _iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


class _Quiet:
    def write(self, _text: str) -> None:
        pass

    def flush(self) -> None:
        pass
