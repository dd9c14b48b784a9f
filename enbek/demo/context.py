"""What every section's demo seeder receives: the size, the seed, the clock and the shared accounts."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from enbek.models import Organization, User


@dataclass
class DemoContext:
    size: str  # "small" (make run, tests) or "large" (benchmarks)
    seed: int
    now: datetime.datetime  # aware
    today: datetime.date  # Almaty
    users: dict[str, User]  # the demo accounts by e-mail (enbek.demo.core.DEMO_USERS)
    organizations: list[Organization]  # every demo organisation, the HR user's employer included
    progress: Callable[[str, int, int], None] | None = None  # (what, done, total) for long runs
    extra: dict = field(default_factory=dict)  # what one seeder leaves for a later one
    # Numbers asked for instead of the size's own, by section (seed_demo --dynasties N: {"dynasties": N}).
    overrides: dict[str, int] = field(default_factory=dict)
    # What this run wrote that was not there yet, by name; a second run with the same seed leaves it empty.
    added: dict[str, int] = field(default_factory=dict)

    @property
    def large(self) -> bool:
        return self.size == "large"

    def rng(self, name: str) -> random.Random:
        """A generator of its own per section: one section's changes leave the others' data alone."""
        return random.Random(f"{self.seed}:{name}")

    def report(self, what: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(what, done, total)

    def count_added(self, what: str, number: int) -> None:
        if number:
            self.added[what] = self.added.get(what, 0) + number
