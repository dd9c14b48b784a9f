"""Staff work in the site's navigation: what waits for this user, with a count.

The core never imports a section. Each section registers a provider from its
AppConfig.ready(); the navigation (enbek.context_processors.portal) asks every provider
on each page a signed-in user opens. A provider answers with zero or more WorkItem for
that user: an empty list when the user has no such work (a citizen, a coordinator of
another section). Providers must answer with at most one or two COUNT queries and never
raise for an ordinary user.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class WorkItem:
    key: str  # stable, e.g. "dynasties.moderation": tests and CSS hooks
    label: str | Promise  # translated (lazily) by the section
    url: str
    count: int  # items waiting; 0 still shows the link (the place of the work)
    order: int = 100  # lower first


Provider = Callable[[object], Iterable[WorkItem]]
_providers: dict[str, Provider] = {}


def register_work_provider(key: str, provider: Provider) -> None:
    """Register (or replace, so that ready() may run twice) the provider named key."""
    _providers[key] = provider


def work_items_for(user) -> list[WorkItem]:
    """Every registered section's work for this user, in a stable order."""
    if not getattr(user, "is_authenticated", False):
        return []
    items: list[WorkItem] = []
    for key in sorted(_providers):
        items.extend(_providers[key](user))
    return sorted(items, key=lambda item: (item.order, item.key))
