#!/usr/bin/env python
"""Grow a benchmark database's published dynasties tenfold (or to any count) in SQL, for the scale check.

    createdb -h 127.0.0.1 -U postgres -T enbek_bench enbek_bench200
    .venv/bin/python bench/grow.py --database-url postgres://postgres@127.0.0.1:5432/enbek_bench200 \
        --dynasties 200000
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/enbek_bench200 \
        --dynasties 200000 --skip-indicators --skip-sections

Issue 13 asks that no request grows with the data: 20,000 or 200,000 dynasties give the same query count
and a latency within 1.5×. Seeding 200,000 dynasties through the demo builder takes hours on this
machine; this copies the published ones of a seeded database (the large demo's 20,000) with their
members, each copy under its own slug and a publication date a few days older, until the count is
reached, then VACUUM ANALYZE. The newest dynasties (the ones the benchmark opens) stay the originals.
Search vectors and derived figures are copied as they are, so every filter and search sees the copies.
"""

import argparse
import time

import psycopg2

DYNASTY_COLUMNS = [
    "family_name", "family_name_kk", "family_name_ru", "founded_year", "story", "story_kk", "story_ru",
    "status", "return_reason", "submitted_at", "published_at", "created_at", "updated_at",
    "members_count", "generations", "total_years", "search_text", "search_vector", "organization_id",
    "region_id", "reviewed_by_id", "submitted_by_id", "sphere_id", "story_html", "story_html_kk",
    "story_html_ru",
]  # fmt: skip
MEMBER_COLUMNS = [
    "full_name", "generation", "birth_year", "death_year", "profession", "profession_kk", "profession_ru",
    "organization_name", "start_year", "end_year", "awards", "awards_kk", "awards_ru", "photo", "position",
    "profession_ref_id",
]  # fmt: skip


def grow(url: str, target: int) -> None:
    connection = psycopg2.connect(url)
    connection.autocommit = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dynasties_dynasty WHERE status = 'published'")
        (published,) = cursor.fetchone()
        if published >= target:
            print(f"{published:,} published dynasties already: nothing to do")
            return
        copies = -(-(target - published) // published)  # rounds up
        started = time.monotonic()
        for copy in range(1, copies + 1):
            wanted = min(published, target - published * copy)
            columns = ", ".join(DYNASTY_COLUMNS)
            source = ", ".join(
                f"published_at - interval '{copy} days'" if c == "published_at" else c
                for c in DYNASTY_COLUMNS
            )
            cursor.execute(
                f"""
                WITH originals AS (
                    SELECT id, slug FROM dynasties_dynasty
                    WHERE status = 'published' AND slug NOT LIKE '%%-copy-%%'
                    ORDER BY id LIMIT %s
                ), inserted AS (
                    INSERT INTO dynasties_dynasty (slug, {columns})
                    SELECT d.slug || '-copy-{copy}', {source}
                    FROM dynasties_dynasty d JOIN originals o ON o.id = d.id
                    RETURNING id, slug
                )
                INSERT INTO dynasties_member (dynasty_id, {", ".join(MEMBER_COLUMNS)})
                SELECT i.id, {", ".join("m." + c for c in MEMBER_COLUMNS)}
                FROM inserted i
                JOIN originals o ON o.slug || '-copy-{copy}' = i.slug
                JOIN dynasties_member m ON m.dynasty_id = o.id
                """,  # noqa: S608 - fixed column names and integers, no user input
                [wanted],
            )
            connection.commit()
            print(f"copy {copy}/{copies}: +{wanted:,} dynasties ({time.monotonic() - started:.0f} s)")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM dynasties_dynasty WHERE status = 'published'")
        print(f"{cursor.fetchone()[0]:,} published dynasties in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--dynasties", type=int, default=200_000)
    args = parser.parse_args()
    grow(args.database_url, args.dynasties)


if __name__ == "__main__":
    main()
