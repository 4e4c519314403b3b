"""The questions of the early-warning signal, as data: at most 12, each answerable with
the person in a few seconds, each with "I don't know" (or "prefer not to say").

The first three are the three public criteria of a complex situation used by the
French case-management programmes (an unstable situation; help and care insufficient or
not suited; nobody able to coordinate over time), free to use; the others are the life
domains (`maillage.categories`), the state of the network, first signs, and what the
programmes' entry criteria need (age band, Brussels, mental health). Gender and language
are asked only so that analysts can see whether signals treat groups differently.
See docs/screening.md.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.categories import LifeDomain

DONT_KNOW = "dont_know"
PREFER_NOT = "prefer_not"
NONE = "none"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Question:
    code: str
    label: Promise
    help: Promise
    choices: tuple[tuple[str, Promise], ...]
    multiple: bool = False
    required: bool = True

    @property
    def codes(self) -> set[str]:
        return {code for code, _label in self.choices}

    def label_of(self, code: str) -> str:
        return str(dict(self.choices).get(code, code))


DONT_KNOW_CHOICE = (DONT_KNOW, _("I don't know"))
YES_NO = ((YES, _("Yes")), (NO, _("No")), DONT_KNOW_CHOICE)

# The three criteria of a complex situation, in the order they are asked.
UNSTABLE, INADEQUATE_HELP, COORDINATION = "unstable", "inadequate_help", "coordination"
CRISIS = "crisis"

AGE_BANDS: dict[str, tuple[int, int]] = {
    "under_18": (0, 17),
    "18_23": (18, 23),
    "24_64": (24, 64),
    "65_plus": (65, 120),
}

QUESTIONS: tuple[Question, ...] = (
    Question(
        UNSTABLE,
        _("Is the situation unstable?"),
        _("For example: it changes often, one problem brings another, nothing holds for long."),
        YES_NO,
    ),
    Question(
        INADEQUATE_HELP,
        _("Is the help or care the person gets not enough, or not suited?"),
        _("For example: help stops, comes too late, or does not match what the person needs."),
        YES_NO,
    ),
    Question(
        COORDINATION,
        _("Is there someone who can coordinate the help over time?"),
        _("Someone who keeps the whole picture and links the people who help."),
        ((YES, _("Yes")), (NO, _("No, nobody can")), DONT_KNOW_CHOICE),
    ),
    Question(
        "domains",
        _("Which parts of life are affected?"),
        _("Tick every one that applies."),
        (*LifeDomain.choices, DONT_KNOW_CHOICE),
        multiple=True,
    ),
    Question(
        "network",
        _("How are the people and services around the person?"),
        _("Family, friends, neighbours and professionals who help."),
        (
            ("present", _("Present and helping")),
            ("exhausted", _("Exhausted")),
            ("absent", _("Absent: nobody, or almost nobody")),
            ("conflict", _("In conflict")),
            DONT_KNOW_CHOICE,
        ),
    ),
    Question(
        "first_signs",
        _("Do you see any of these signs?"),
        _("Tick every one that applies."),
        (
            ("missed_appointments", _("Missed appointments")),
            ("eviction", _("Threat of eviction")),
            ("isolation", _("Isolation")),
            ("carer_exhausted", _("A carer who is exhausted")),
            ("emergencies", _("Repeated visits to emergency services or hospital")),
            (CRISIS, _("A crisis now: the person or those around them cannot cope today")),
            (NONE, _("None of these")),
            DONT_KNOW_CHOICE,
        ),
        multiple=True,
    ),
    Question(
        "mental_health",
        _("Is mental health part of the difficulties?"),
        _("Psychological suffering, psychiatric care, now or in the past."),
        (
            (YES, _("Yes")),
            ("at_risk", _("Maybe, there is a risk")),
            (NO, _("No")),
            DONT_KNOW_CHOICE,
        ),
    ),
    Question(
        "age_band",
        _("How old is the person?"),
        _("Some programmes take only some ages."),
        (
            ("under_18", _("Under 18")),
            ("18_23", _("18 to 23")),
            ("24_64", _("24 to 64")),
            ("65_plus", _("65 or over")),
            DONT_KNOW_CHOICE,
        ),
    ),
    Question(
        "brussels",
        _("Does the person live in the Brussels region?"),
        _("The 19 communes of Brussels."),
        (
            (YES, _("Yes")),
            ("network_only", _("No, but the people or services who help are in Brussels")),
            (NO, _("No")),
            DONT_KNOW_CHOICE,
        ),
    ),
    Question(
        "reporter",
        _("Who are you?"),
        _("Your kind of work, not your name."),
        (
            ("gp", _("General practitioner")),
            ("social_worker", _("Social worker")),
            ("home_care", _("Home care")),
            ("school", _("School")),
            ("other", _("Other")),
        ),
    ),
    Question(
        "gender",
        _("The person's gender"),
        _("Optional. Only to check that signals treat everyone alike."),
        (
            ("woman", _("Woman")),
            ("man", _("Man")),
            ("other", _("In another way")),
            (PREFER_NOT, _("Prefer not to say")),
        ),
        required=False,
    ),
    Question(
        "language",
        _("The person's language"),
        _("Optional. Only to check that signals treat everyone alike."),
        (
            ("fr", _("French")),
            ("nl", _("Dutch")),
            ("en", _("English")),
            ("other", _("Another language")),
            (PREFER_NOT, _("Prefer not to say")),
        ),
        required=False,
    ),
)
BY_CODE = {question.code: question for question in QUESTIONS}
# Answers that stand alone in a multiple choice.
ALONE = {DONT_KNOW, NONE}
# The groups analysts compare (docs/screening.md, "Fairness figures").
GROUPS = ("age_band", "gender", "language")
