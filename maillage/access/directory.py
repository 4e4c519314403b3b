"""Who may search, suggest and edit the directory of services.

The directory describes services, not persons: every signed-in professional searches it
and may suggest a correction; directory editors (and administrators) edit it; anonymous
visitors — and the person's own account, which reaches nothing made for professionals —
see it only when the administrator publishes it (`MAILLAGE_DIRECTORY_PUBLIC`), and never
suggest a correction.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from maillage.accounts.models import Role

from .kinds import Kind, kind_of
from .policy import roles_of

EDITOR_ROLES = frozenset({Role.DIRECTORY_EDITOR, Role.ADMINISTRATOR})


def directory_is_public() -> bool:
    """Published by the administrator: anonymous visitors and API callers without a token
    may search it."""
    return bool(settings.DIRECTORY_PUBLIC)


def may_search_directory(user: Any) -> bool:
    if kind_of(user) == Kind.WORKER and user.is_active:
        return True
    return directory_is_public()


def may_suggest_correction(user: Any) -> bool:
    return bool(kind_of(user) == Kind.WORKER and user.is_active)


def may_edit_directory(user: Any) -> bool:
    return bool(roles_of(user) & EDITOR_ROLES)


def require_directory_reader(user: Any) -> None:
    """404 for anonymous visitors while the directory is not public (nothing to see)."""
    if not may_search_directory(user):
        raise Http404


def require_directory_editor(user: Any) -> None:
    if kind_of(user) != Kind.WORKER:
        raise Http404
    if not may_edit_directory(user):
        raise PermissionDenied
