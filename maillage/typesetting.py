"""Long documents typeset by Typst: a template of ours, the content as JSON data.

The content travels as data (`sys.inputs.data`, read with `json()`), never as markup,
so no text typed by a user can become Typst code. Typst lays out a year of a case's
history (40 pages) in a fraction of a second where an HTML engine takes seconds
(docs/decisions/pdf-export.md). Fonts come from the system (DejaVu Sans, as the other
prints), with Typst's own fonts as the fallback; nothing is fetched from outside.
"""

import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
_lock = threading.Lock()  # one compiler per template, used by one thread at a time


def typeset(template: str, data: dict[str, Any]) -> bytes:
    """The PDF of `template` (a path under templates/) filled with `data`."""
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    with _lock:
        document: bytes = _compiler(template).compile(format="pdf", sys_inputs=inputs)
    return document


@cache
def _compiler(template: str) -> Any:
    import typst  # heavy: only when a document is asked for

    path = TEMPLATES / template
    return typst.Compiler(str(path), root=str(path.parent))
