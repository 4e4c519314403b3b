"""Who may see the figures of the early-warning signals (maillage/screening).

Signals hold no identity, but their figures per group (age band, gender, language)
linked to decisions are for those who watch how requests are answered: analysts and
team leads. Everyone else is denied (default deny); the public pages of the signal are
open to all and read nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from maillage.accounts.models import Role
from maillage.screening.models import SignalAnswer

from .kinds import Kind, kind_of
from .policy import User_, roles_of

FIGURES_ROLES = frozenset({Role.ANALYST, Role.TEAM_LEAD})


def may_see_signal_figures(user: User_) -> bool:
    if kind_of(user) != Kind.WORKER:
        return False
    return bool(roles_of(user) & FIGURES_ROLES)


def require_signal_figures_reader(user: User_) -> None:
    if not may_see_signal_figures(user):
        raise PermissionDenied


def signal_answers_for_figures(user: User_) -> QuerySet[SignalAnswer]:
    """Every signal's answers, for counting only; none for anyone else."""
    if not may_see_signal_figures(user):
        return SignalAnswer.objects.none()
    return SignalAnswer.objects.all()
