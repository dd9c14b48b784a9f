"""Template helpers of the dynasties pages."""

from django import template
from django.utils.safestring import SafeString

from enbek.richtext import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """A story written in Markdown or plain text, rendered and sanitised (no script, no event handlers)."""
    return render_markdown(text or "")
