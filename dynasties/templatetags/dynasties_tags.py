"""Template helpers of the dynasties pages."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter(name="stored_html")
def stored_html(html: str | None) -> SafeString:
    """A story's HTML as stored when it was saved (rendered and sanitised by enbek.richtext then).

    Nothing is rendered here: a page never runs the Markdown renderer.
    """
    return mark_safe(html or "")  # noqa: S308 - sanitised by nh3 when the story was saved
