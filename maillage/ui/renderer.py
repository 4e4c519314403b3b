"""The form renderer: Django's own widget templates, drawn by Python functions.

Django draws every widget, and every option of a choice widget, by rendering a template
(an `<input>` is four nested templates). A choice of 150 case managers cost 38 ms in
templates; the meeting page's grids and the consent grid pay the same per option. This
renderer draws the plain widgets (inputs, textareas, selects, radio buttons and
checkboxes) with the same markup, character for character
(`ui/tests/test_renderer.py` renders every kind both ways and compares), and leaves every
other template — a custom widget's, a form's, a label's — to Django's templates.

`FORM_RENDERER` in settings names it.
"""

from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

Widget = dict[str, Any]
WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: a safe string stays as it is, anything else escaped."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Widget) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>\n'


def _input_option(option: Widget) -> str:
    if not option["wrap_label"]:
        return _input(option) + "\n"
    label_for = option["attrs"].get("id")
    opening = f' for="{conditional_escape(label_for)}"' if label_for else ""
    return f"<label{opening}>{_input(option)} {conditional_escape(option['label'])}</label>\n"


def _select_option(option: Widget) -> str:
    return (
        f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>\n"
    )


OPTIONS: dict[str, Callable[[Widget], str]] = {
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}radio_option.html": lambda option: _input_option(option) + "\n",
    f"{WIDGETS}checkbox_option.html": lambda option: _input_option(option) + "\n",
    f"{WIDGETS}select_option.html": _select_option,
}


def _multiple_input(widget: Widget, render_option: Callable[[Widget], str]) -> str:
    widget_id = widget["attrs"].get("id")
    css_class = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{conditional_escape(widget_id)}"' if widget_id else "",
        f' class="{conditional_escape(css_class)}"' if css_class else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {render_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _select(widget: Widget, render_option: Callable[[Widget], str]) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        for option in options:
            parts.append(f"\n  {render_option(option)}")
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _textarea(widget: Widget) -> str:
    value = widget["value"]
    shown = conditional_escape(value) if value else ""
    return f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{shown}</textarea>\n'


INPUTS = {
    f"{WIDGETS}{kind}.html"
    for kind in (
        "input",
        "text",
        "email",
        "number",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "tel",
        "search",
        "color",
        "checkbox",
    )
}
CHOICES = {f"{WIDGETS}{kind}.html" for kind in ("multiple_input", "radio", "checkbox_select")}


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget is not None:
            drawn = self._draw(template_name, widget, context, request)
            if drawn is not None:
                return mark_safe(drawn.strip())  # noqa: S308  every value was escaped above
        return super().render(template_name, context, request)

    def _draw(
        self, template_name: str, widget: Widget, context: dict[str, Any], request: Any
    ) -> str | None:
        if template_name in INPUTS:
            return _input(widget)
        if template_name == f"{WIDGETS}textarea.html":
            return _textarea(widget)
        if template_name in CHOICES:
            return _multiple_input(widget, self._option_drawer(context, request))
        if template_name == f"{WIDGETS}select.html":
            return _select(widget, self._option_drawer(context, request))
        return None

    def _option_drawer(self, context: dict[str, Any], request: Any) -> Callable[[Widget], str]:
        def draw(option: Widget) -> str:
            known = OPTIONS.get(option["template_name"])
            if known is not None:
                return known(option)
            # A widget of our own with its own option template: Django draws it (unstripped,
            # as an `{% include %}` would).
            template = self.get_template(option["template_name"])
            return template.render({**context, "widget": option}, request=request)

        return draw
