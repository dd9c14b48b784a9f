"""Stories are written in Markdown (or plain text): rendered once, when they are saved, then sanitised.

The renderer is markdown-it-py with the CommonMark preset: its time grows linearly with the input, so
a hostile story (thousands of nested brackets, emphasis runs, backticks, deep lists or quotes) costs
milliseconds, not the tens of seconds a backtracking renderer spends. Pages and the API show the
stored HTML (Dynasty.story_html) and never render per request.

Raw HTML inside the Markdown passes the renderer but never the nh3 allowlist: no script, no style, no
event handlers, no javascript: links.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "hr",
    "code",
    "pre",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The longest story a form or the admin accepts (per language); the renderer is tested at this size.
STORY_MAX_LENGTH = 20000

# Built once: "commonmark" with raw HTML allowed (nh3 decides what survives) and ~~strikethrough~~.
_RENDERER = MarkdownIt("commonmark", {"html": True}).enable("strikethrough")


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def render_markdown(text: str | None) -> SafeString:
    """Markdown (or plain text) → sanitised HTML; call it when a story is saved, not when it is shown."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    html = _RENDERER.render(text).strip()
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised by nh3 just above
