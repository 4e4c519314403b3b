"""The 19 communes of the Brussels-Capital Region, by NIS (INS/REFNIS) code.

Territory is stored as NIS codes, never derived from postcodes: 1040 and 1050 are
shared between the City of Brussels and Etterbeek or Ixelles.
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Commune:
    nis: str
    name_fr: str
    name_nl: str
    postcodes: tuple[str, ...]

    @property
    def name(self) -> str:
        """The name in the active language (Dutch name in Dutch, French otherwise)."""
        if (get_language() or "fr").startswith("nl"):
            return self.name_nl
        if self.name_fr == self.name_nl:
            return self.name_fr
        if (get_language() or "fr").startswith("en"):
            return f"{self.name_fr} / {self.name_nl}"
        return self.name_fr


COMMUNES: tuple[Commune, ...] = (
    Commune("21001", "Anderlecht", "Anderlecht", ("1070",)),
    Commune("21002", "Auderghem", "Oudergem", ("1160",)),
    Commune("21003", "Berchem-Sainte-Agathe", "Sint-Agatha-Berchem", ("1082",)),
    Commune("21004", "Bruxelles", "Brussel", ("1000", "1020", "1120", "1130", "1040", "1050")),
    Commune("21005", "Etterbeek", "Etterbeek", ("1040",)),
    Commune("21006", "Evere", "Evere", ("1140",)),
    Commune("21007", "Forest", "Vorst", ("1190",)),
    Commune("21008", "Ganshoren", "Ganshoren", ("1083",)),
    Commune("21009", "Ixelles", "Elsene", ("1050",)),
    Commune("21010", "Jette", "Jette", ("1090",)),
    Commune("21011", "Koekelberg", "Koekelberg", ("1081",)),
    Commune("21012", "Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", ("1080",)),
    Commune("21013", "Saint-Gilles", "Sint-Gillis", ("1060",)),
    Commune("21014", "Saint-Josse-ten-Noode", "Sint-Joost-ten-Node", ("1210",)),
    Commune("21015", "Schaerbeek", "Schaarbeek", ("1030",)),
    Commune("21016", "Uccle", "Ukkel", ("1180",)),
    Commune("21017", "Watermael-Boitsfort", "Watermaal-Bosvoorde", ("1170",)),
    Commune("21018", "Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe", ("1200",)),
    Commune("21019", "Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe", ("1150",)),
)
BY_NIS = {commune.nis: commune for commune in COMMUNES}
OUTSIDE = "outside"


def is_brussels(nis: str) -> bool:
    return nis in BY_NIS


def commune_name(nis: str) -> str:
    return BY_NIS[nis].name if nis in BY_NIS else nis


def residence_choices() -> list[tuple[str, str]]:
    """Choices for a person's residence: the 19 communes, then outside Brussels."""
    from django.utils.translation import gettext

    communes = sorted(COMMUNES, key=lambda commune: commune.name)
    return [(c.nis, c.name) for c in communes] + [(OUTSIDE, gettext("Outside Brussels"))]


def residence_label(value: str) -> str:
    """A person's residence in words: the commune, "outside Brussels", or empty."""
    from django.utils.translation import gettext

    if value == OUTSIDE:
        return gettext("Outside Brussels")
    return commune_name(value) if value else ""
