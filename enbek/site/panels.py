"""What later sections add to a profession's page (/professions/<code>/).

PROFESSION_PAGE_PANELS lists functions by dotted path, "app.selectors:profession_panel", each

    profession_panel(*, profession, region=None, language) -> dict | None

returning {"template": "app/_profession_panel.html", "context": {...}} (or None for nothing to show:
no upcoming event of this profession, say). They are rendered in this order below the explorer's own
parts: upcoming career-guidance events that show the profession, then its «Я-профи» nominations and
winners. A panel keeps its own query count constant.
"""

import importlib
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

PROFESSION_PAGE_PANELS: list[str] = [
    "events.selectors:profession_panel",
    "contests.selectors:profession_panel",
]


def resolve_panel(reference: str) -> Callable:
    """ "app.selectors:function" → the function (ImportError / AttributeError when it is not there)."""
    module, _sep, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def profession_panels_render(*, request, profession, region, language: str) -> list[SafeString]:
    """The HTML of each listed panel that has something to show, in the listed order."""
    rendered = []
    for reference in PROFESSION_PAGE_PANELS:
        panel = resolve_panel(reference)(profession=profession, region=region, language=language)
        if not panel:
            continue
        rendered.append(render_to_string(panel["template"], panel.get("context") or {}, request=request))
    return rendered
