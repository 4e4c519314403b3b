"""A form's text is stored with line feeds, whatever the browser sends."""

from django.test import RequestFactory, SimpleTestCase

from maillage.ui.middleware import LineBreaksMiddleware


class LineBreaksTests(SimpleTestCase):
    def test_crlf_from_a_browser_becomes_a_line_feed(self):
        seen = {}

        def view(request):
            seen.update(request.POST.lists())
            return None

        request = RequestFactory().post("/cases/", {"note": "un\r\ndeux", "tags": ["a\r\nb", "c"]})
        LineBreaksMiddleware(view)(request)
        self.assertEqual(seen["note"], ["un\ndeux"])
        self.assertEqual(seen["tags"], ["a\nb", "c"])
