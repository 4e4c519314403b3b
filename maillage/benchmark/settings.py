"""Production settings plus one page, for the throughput run only (throughput.py).

The hello-world view is the yardstick the case overview is compared with; it lives in
the bench's URLconf, never in maillage/urls.py.
"""

from maillage.settings import *  # noqa: F403

ROOT_URLCONF = "maillage.benchmark.urls"
