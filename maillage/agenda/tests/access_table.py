"""The agenda's API operation in the access matrix (maillage/access/tests): every
account has a day, possibly empty; the home page ("My day") is in the central table."""

from maillage.access.tests.matrix import ALL, only

OPERATIONS = {
    ("get", "/api/v1/me/agenda"): (only(set(ALL), 200, 200), None),
}
