"""Text typed in a form is stored with bare line feeds, as the API and imports store it.

Browsers send a textarea's line breaks as CRLF (HTML's form encoding): kept as sent, a
text written elsewhere with line feeds would change on every unchanged save of its form.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class LineBreaksMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/api/"):
            content_type = request.content_type or ""
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                data = request.POST.copy()
                for key, values in data.lists():
                    data.setlist(key, [value.replace("\r\n", "\n") for value in values])
                data._mutable = False
                request.POST = data  # type: ignore[misc]
        return self.get_response(request)
