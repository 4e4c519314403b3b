"""`manage.py demo_server` (`make run`): prepare once, in the first process, then serve."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand

COMMAND = "maillage.demo.management.commands.demo_server"


def run(monkeypatch, *, run_main: str | None = None):
    if run_main is None:
        monkeypatch.delenv("RUN_MAIN", raising=False)
    else:
        monkeypatch.setenv("RUN_MAIN", run_main)
    out = StringIO()
    with (
        mock.patch(f"{COMMAND}.call_command") as commands,
        mock.patch.object(RunserverCommand, "handle") as serve,
    ):
        call_command("demo_server", "127.0.0.1:8765", stdout=out)
    return [c.args[0] for c in commands.call_args_list], serve, out.getvalue()


@pytest.mark.django_db
def test_an_empty_migrated_database_is_seeded_not_migrated_then_served(monkeypatch):
    commands, serve, out = run(monkeypatch)
    assert commands == ["seed_demo"]
    assert "Password for every demo account: maillage-demo" in out
    serve.assert_called_once()


@pytest.mark.django_db
def test_unapplied_migrations_are_applied_first(monkeypatch):
    with mock.patch(f"{COMMAND}.unapplied_migrations", return_value=3):
        commands, serve, _out = run(monkeypatch)
    assert commands == ["migrate", "seed_demo"]
    serve.assert_called_once()


@pytest.mark.django_db
def test_a_seeded_database_is_only_served(monkeypatch):
    with mock.patch(f"{COMMAND}.generator.demo_present", return_value=True):
        commands, serve, out = run(monkeypatch)
    assert commands == []
    assert "maillage-demo" in out
    serve.assert_called_once()


@pytest.mark.django_db
def test_the_autoreloaded_child_only_serves(monkeypatch):
    commands, serve, out = run(monkeypatch, run_main="true")
    assert commands == []
    assert out == ""
    serve.assert_called_once()
