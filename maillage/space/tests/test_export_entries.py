"""The space's rows appear in the person's export (maillage/space/personal_data.py)."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from maillage.records.export import build_export

from .base import SpaceTestCase, accepted_case
from .export_builder import build_space


class Built:
    def __init__(self, case):
        self.person, self.case, self.worker = case.person, case, case.workers.first().user
        self.ids = {}

    def add(self, key, *rows):
        self.ids.setdefault(key, set()).update(str(row.pk) for row in rows)


class SpaceExportTests(SpaceTestCase):
    def test_every_space_row_is_exported_and_no_digest(self):
        built = Built(accepted_case(self))
        build_space(built)
        text = json.dumps(build_export(built.person), cls=DjangoJSONEncoder)
        for key, ids in built.ids.items():
            for row_id in ids:
                self.assertIn(row_id, text, key)
        self.assertNotIn("digest", text)
        self.assertNotIn(str(self.person.pk), text)
