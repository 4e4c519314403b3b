"""Read the forms of a page as a browser does, and build what it sends when the user
submits one unchanged (the HTML standard's "constructing the entry list").

What a browser does that a naive reading of the HTML would not:
- a field keeps its `value` only if the value suits its type (a date field keeps
  `2026-12-05`, never `05/12/2026`; a number field keeps only a number);
- a single `<select>` with no `selected` option sends its first option;
- a checkbox without `value` sends `on`; unchecked boxes and disabled fields send nothing;
- a textarea drops the newline right after its start tag, and every line break is sent
  as CRLF;
- only the submit button used is sent, with its `formaction` and `formmethod`: here the
  save button, the first submit button without a name of its own (named ones choose an
  alternative: a preset, moving an item), else the first one.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

BUTTON_TYPES = {"submit", "image", "reset", "button"}
DATE = re.compile(r"\d{4,}-\d{2}-\d{2}")
DATETIME_LOCAL = re.compile(r"(\d{4,}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)")
NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass
class Control:
    """One form control: an input, a select, a textarea or a button."""

    tag: str
    attrs: dict[str, str]
    options: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""  # a textarea's content
    disabled: bool = False  # itself, or inside a disabled fieldset

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower()
        if self.tag == "input":
            return self.attrs.get("type", "text").lower()
        return self.tag

    @property
    def is_submit_button(self) -> bool:
        return self.type in ("submit", "image") and self.tag in ("input", "button")

    @property
    def raw_value(self) -> str:
        """The `value` attribute as written in the HTML."""
        return self.attrs.get("value", "")

    @property
    def value(self) -> str:
        """The value a browser keeps (the standard's value sanitization)."""
        value = self.raw_value
        kind = self.type
        if kind == "date":
            return value if DATE.fullmatch(value) and _real_date(value) else ""
        if kind == "datetime-local":
            found = DATETIME_LOCAL.fullmatch(value)
            if found is None or not _real_date(found.group(1)):
                return ""
            day, time = found.groups()
            return f"{day}T{time.removesuffix(':00') if len(time) == 8 else time}"
        if kind == "number":
            return value if NUMBER.fullmatch(value) else ""
        if kind in ("email", "url"):
            return value.replace("\r", "").replace("\n", "").strip()
        if kind in ("text", "search", "tel", "password"):
            return value.replace("\r", "").replace("\n", "")
        return value

    def selected_values(self) -> list[str]:
        """What a `<select>` sends: its selected options, else (single) its first one."""
        enabled = [option for option in self.options if not option["disabled"]]
        chosen = [option for option in enabled if option["selected"]]
        if "multiple" in self.attrs:
            return [option["value"] for option in chosen]
        if chosen:
            return [chosen[-1]["value"]]
        return [enabled[0]["value"]] if enabled else []

    def is_prefilled(self) -> bool:
        """Whether the server filled this visible control in (hidden fields and buttons
        do not count). Read from the HTML, before sanitization: a date the browser
        cannot show was still filled in."""
        if self.disabled or self.type in BUTTON_TYPES or self.type == "hidden":
            return False
        if self.type in ("checkbox", "radio"):
            return "checked" in self.attrs
        if self.tag == "select":
            return any(option["selected"] and option["value"] for option in self.options)
        if self.tag == "textarea":
            return bool(self.text.strip())
        return bool(self.raw_value.strip())


@dataclass
class Form:
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    @property
    def method(self) -> str:
        return self.attrs.get("method", "get").lower()

    def save_button(self) -> Control | None:
        buttons = [c for c in self.controls if c.is_submit_button and not c.disabled]
        unnamed = [button for button in buttons if not button.name]
        return (unnamed or buttons or [None])[0]

    def target(self, page_url: str) -> tuple[str, str]:
        """(method, absolute path) of the submission by the save button."""
        button = self.save_button()
        attrs = button.attrs if button is not None else {}
        action = attrs.get("formaction", self.attrs.get("action", "")) or page_url
        method = attrs.get("formmethod", self.method).lower()
        return method, urljoin(page_url, action)

    def entries(self) -> list[tuple[str, str]]:
        """The name/value pairs sent when the form is submitted unchanged."""
        button = self.save_button()
        pairs: list[tuple[str, str]] = []
        for control in self.controls:
            if control.disabled or not control.name:
                continue
            kind = control.type
            if control.tag == "select":
                pairs += [(control.name, value) for value in control.selected_values()]
            elif control.tag == "textarea":
                pairs.append((control.name, control.text))
            elif kind in BUTTON_TYPES:
                if control is button and kind == "submit":
                    pairs.append((control.name, control.raw_value))
            elif kind in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    pairs.append((control.name, control.attrs.get("value", "on")))
            elif kind == "file":
                continue
            else:
                pairs.append((control.name, control.value))
        return [(_crlf(name), _crlf(value)) for name, value in pairs]

    def values(self, name: str) -> list[str]:
        """The `value` attributes shown for the controls called `name`."""
        return [c.raw_value for c in self.controls if c.name == name and c.tag == "input"]


def _real_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _crlf(text: str) -> str:
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.by_id: dict[str, Form] = {}
        self.orphans: list[tuple[str, Control]] = []  # controls with form="…"
        self.form: Form | None = None
        self.select: Control | None = None
        self.option: dict[str, Any] | None = None
        self.textarea: Control | None = None
        self.disabled_fieldsets = 0
        self.fieldsets: list[bool] = []

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attr_list}
        if tag == "form":
            if self.form is None:  # a browser ignores a form inside a form
                self.form = Form(attrs)
                self.forms.append(self.form)
                if attrs.get("id"):
                    self.by_id[attrs["id"]] = self.form
            return
        if tag == "fieldset":
            disabled = "disabled" in attrs
            self.fieldsets.append(disabled)
            self.disabled_fieldsets += disabled
            return
        if tag == "option" and self.select is not None:
            self._close_option()  # its end tag is optional
            self.option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "disabled": "disabled" in attrs,
                "text": "",
            }
            self.select.options.append(self.option)
            return
        if tag in ("input", "select", "textarea", "button"):
            control = Control(
                tag, attrs, disabled="disabled" in attrs or self.disabled_fieldsets > 0
            )
            self._attach(control)
            if tag == "select":
                self.select = control
            elif tag == "textarea":
                self.textarea = control

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "fieldset" and self.fieldsets:
            self.disabled_fieldsets -= self.fieldsets.pop()
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "option":
            self._close_option()
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea.text
            # A newline right after <textarea> is not part of its value.
            self.textarea.text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.text += data
        elif self.option is not None:
            self.option["text"] += data

    def _close_option(self) -> None:
        if self.option is not None and self.option["value"] is None:
            self.option["value"] = " ".join(self.option["text"].split())
        self.option = None

    def _attach(self, control: Control) -> None:
        owner = control.attrs.get("form")
        if owner:
            self.orphans.append((owner, control))
        elif self.form is not None:
            self.form.controls.append(control)

    def close(self) -> None:
        super().close()
        for owner, control in self.orphans:
            if owner in self.by_id:
                self.by_id[owner].controls.append(control)


def forms_of(html: str) -> list[Form]:
    """Every form of the page, with its controls, in document order."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
