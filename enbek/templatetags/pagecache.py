"""{% publicfragment "dynasties" [vary=expr] [timeout=60] %}…{% endpublicfragment %}: a public part of a page.

The whole-page cache (enbek.pagecache) serves anonymous visitors only. A signed-in visitor's page differs
in its header (their name, their work queue), not in the list of dynasties: this tag keeps the rendered
markup between the tags under the same key as the page cache would (path, query, language) plus the place
of the tag, and the versions of its groups, so that the signed-in page renders only its own chrome around
it. Put it only around markup that is the same for every visitor: no {% csrf_token %}, no `user`, `perms`
or messages inside. `vary=` names a value the markup depends on besides the URL (the region a signed-in
visitor's profile preselects): one fragment is kept per value.

The view should hand the template lazy values (enbek.pagecache.lazy) for what only the fragment shows,
so that a fragment served from the cache also saves the queries behind it.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from enbek.pagecache import fragment_key

register = template.Library()

TIMEOUT = 300


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, groups, timeout, vary=None):
        self.nodelist, self.groups, self.timeout, self.vary = nodelist, groups, timeout, vary

    def render(self, context):
        request = context.get("request")
        if not settings.PAGE_CACHE or request is None or request.method not in ("GET", "HEAD"):
            return self.nodelist.render(context)
        groups = tuple(str(group.resolve(context)) for group in self.groups)
        place = f"{getattr(self.origin, 'template_name', '')}:{self.token.lineno}"
        if self.vary is not None:
            place = f"{place}:{self.vary.resolve(context)}"
        key = fragment_key(request, groups, place)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), self.timeout)
        return mark_safe(html)  # noqa: S308 - markup rendered by the template engine, escaped there


@register.tag("publicfragment")
def publicfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("publicfragment needs at least one group")
    timeout, vary = TIMEOUT, None
    while len(bits) > 2 and bits[-1].startswith(("timeout=", "vary=")):
        name, value = bits.pop().split("=", 1)
        if name == "timeout":
            timeout = int(value)
        else:
            vary = parser.compile_filter(value)
    groups = [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse(("endpublicfragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, groups, timeout, vary)
