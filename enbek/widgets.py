"""Widgets rendered in Python instead of one template per <option>.

Django renders a Select through django/forms/widgets/select.html, which includes select_option.html and
attrs.html for every option: the region (20 options), sphere and order selects of the dynasty filter took
a third of the list page's rendering time in the profile (bench/README.md). FastSelect gives the same
markup (same attributes, escaping and `selected`) from the same context, with format_html.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                if group_name
                else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(parts)),  # noqa: S308 - every part came out of format_html
        )
