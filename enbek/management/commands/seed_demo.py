"""Fill a demo install with realistic bilingual data: `seed_demo [--size small|large] [--seed N]`."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from enbek.demo.seed import SIZES, seed_demo
from enbek.pagecache import EVERYTHING, pagecache_invalidate


class Command(BaseCommand):
    help = (
        "Seed demo accounts, organisations, education providers, contests, events and labour dynasties. "
        "Deterministic for a given --seed and idempotent: a second run adds nothing. "
        "large = 20,000 published dynasties."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--dynasties", type=int, default=None, help="Number of published dynasties instead of the size's."
        )
        parser.add_argument(
            "--events", type=int, default=None, help="Number of career-guidance events instead of the size's."
        )
        parser.add_argument(
            "--contest-applications",
            type=int,
            default=None,
            help="Number of applications in last year's «Я-профи» contest instead of the size's.",
        )
        parser.add_argument(
            "--survey-responses",
            type=int,
            default=None,
            help="Number of responses to last year's values survey instead of the size's.",
        )

    def handle(
        self,
        *args,
        size,
        seed,
        dynasties,
        events=None,
        contest_applications=None,
        survey_responses=None,
        **options,
    ):
        if not settings.ENBEK_DEMO:
            raise CommandError(
                "seed_demo is for demo installs only (ENBEK_DEMO=1): it creates known passwords."
            )
        started = time.monotonic()
        verbose = options["verbosity"] > 0

        def progress(what: str, done: int, total: int) -> None:
            # Large runs take minutes: one line per batch so that it is visibly moving.
            if verbose and total >= 1000:
                self.stdout.write(f"  {what} {done:>6,}/{total:,}  {time.monotonic() - started:6.1f} s")

        if verbose:
            self.stdout.write(f"Seeding the {size} demo (seed {seed})…")
        overrides = {"dynasties": dynasties} if dynasties is not None else {}
        if events is not None:
            overrides["events"] = events
        if contest_applications is not None:
            overrides["contests"] = contest_applications
        if survey_responses is not None:
            overrides["surveys"] = survey_responses
        report = seed_demo(size=size, seed=seed, overrides=overrides, progress=progress)
        # Rows written in bulk, past the services: no cached page may show the data before the seed.
        pagecache_invalidate(EVERYTHING)
        if not verbose:
            return
        added = ", ".join(f"{count:,} {name}" for name, count in report.added.items()) or "nothing"
        self.stdout.write(self.style.SUCCESS(f"Done in {report.seconds:.1f} s; new: {added}."))
        for name, count in report.counts.items():
            self.stdout.write(f"  {name:<36} {count:>8,}")
        self.stdout.write("Demo accounts (local demo only):")
        for email, password in report.accounts:
            self.stdout.write(f"  {email:<34} {password}")
