from django import template

from ..charts import format_value, legend_swatch, sparkline

register = template.Library()


@register.filter
def indicator_value(value, unit):
    return format_value(value, unit)


@register.simple_tag
def trend(points, label=""):
    return sparkline(points, label=label)


@register.simple_tag
def swatch(fill):
    return legend_swatch(fill)


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters changed (None or "" removes one)."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = value
    params.pop("page", None) if "page" not in changes else None
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def quarter_label(start):
    from django.utils.translation import gettext as _

    return _("Quarter %(number)s, %(year)s") % {"number": (start.month - 1) // 3 + 1, "year": start.year}
