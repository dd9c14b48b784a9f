"""Exports of a wave's results: anonymised microdata with its codebook, and the tables as CSV and XLSX.

Microdata rows carry no id, no date and come in a random order; a respondent whose region × sex ×
age group cell has fewer than 10 respondents has that region written as "suppressed"; open-text
answers appear only once approved.
"""

import csv
import io
import random
from collections import defaultdict

from django.db.models import Count
from openpyxl import Workbook

from . import weighting
from .enums import CHOICE_KINDS, QuestionKind, TextReview
from .models import Answer, Question, Response, Survey

DEMOGRAPHIC_COLUMNS = ["region", "sex", "age_group", "education", "employment", "settlement"]
SUPPRESSED = "suppressed"


class Echo:
    def write(self, value):
        return value


def _questions(survey: Survey) -> list[Question]:
    return list(
        survey.questions.prefetch_related("choices").order_by(
            "section__position", "section_id", "position", "id"
        )
    )


def _columns(questions) -> list[tuple[Question, str | None]]:
    """One column per question, one per choice of a multiple question (1 ticked, 0 not)."""
    columns = []
    for q in questions:
        if q.kind == QuestionKind.MULTIPLE:
            columns.extend((q, c.code) for c in q.choices.all())
        else:
            columns.append((q, None))
    return columns


def microdata_rows(survey: Survey):
    """Header then one row per response (a generator: 200,000 responses stream in chunks)."""
    questions = _questions(survey)
    columns = _columns(questions)
    choice_codes = {c.pk: c.code for q in questions for c in q.choices.all()}
    small_cells = {
        (r["region_id"], r["sex"], r["age_group"])
        for r in Response.objects.filter(survey=survey)
        .values("region_id", "sex", "age_group")
        .annotate(n=Count("pk"))
        if weighting.suppressed(r["n"])
    }
    yield ["wave", *DEMOGRAPHIC_COLUMNS, *[f"{q.code}.{code}" if code else q.code for q, code in columns]]
    ids = list(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    random.Random(f"microdata:{survey.pk}").shuffle(ids)  # no order of submission in the file
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        answers: dict = defaultdict(lambda: defaultdict(list))
        rows = Answer.objects.filter(response_id__in=chunk).values_list(
            "response_id", "question_id", "choice_id", "number", "text", "text_review"
        )
        for response_id, question_id, choice_id, number, text, review in rows:
            if choice_id is not None:
                value = choice_codes[choice_id]
            elif number is not None:
                value = str(number)
            else:
                value = text if review == TextReview.APPROVED else ""
            answers[response_id][question_id].append(value)
        responses = Response.objects.filter(pk__in=chunk).select_related("region").in_bulk()
        for pk in chunk:
            r = responses[pk]
            region = SUPPRESSED if (r.region_id, r.sex, r.age_group) in small_cells else r.region.code
            line = [survey.year, region, r.sex, r.age_group, r.education, r.employment, r.settlement]
            given = answers[pk]
            for q, code in columns:
                values = given.get(q.pk, [])
                if code is not None:
                    line.append(1 if code in values else 0)
                else:
                    line.append(values[0] if values else "")
            yield line


def codebook_rows(survey: Survey):
    yield ["column", "type", "question_kk", "question_ru", "value", "label_kk", "label_ru"]
    for q in _questions(survey):
        if q.kind == QuestionKind.MULTIPLE:
            for c in q.choices.all():
                yield [f"{q.code}.{c.code}", q.kind, q.text_kk, q.text_ru, "1", c.label_kk, c.label_ru]
        elif q.kind in CHOICE_KINDS:
            for c in q.choices.all():
                yield [q.code, q.kind, q.text_kk, q.text_ru, c.code, c.label_kk, c.label_ru]
        else:
            yield [q.code, q.kind, q.text_kk, q.text_ru, "", "", ""]


def csv_stream(rows):
    writer = csv.writer(Echo())
    yield "\ufeff"  # Excel opens UTF-8 Kazakh and Russian text correctly with the BOM
    for row in rows:
        yield writer.writerow(row)


TABLE_HEADER = [
    "question",
    "text",
    "group",
    "group_base",
    "answer",
    "label",
    "count",
    "share",
    "weighted_share",
    "margin",
]


def table_rows(tables):
    yield TABLE_HEADER
    for table in tables:
        groups = [(None, "", table.base, table.suppressed, table.rows)] + [
            (g.key, str(g.label), g.base, g.suppressed, g.rows) for g in table.groups
        ]
        for _key, label, base, suppressed, rows in groups:
            if suppressed:
                yield [table.question.code, table.question.text, label, SUPPRESSED, "", "", "", "", "", ""]
                continue
            for row in rows:
                if row.suppressed:
                    yield [
                        table.question.code,
                        table.question.text,
                        label,
                        base,
                        row.key,
                        str(row.label),
                        SUPPRESSED,
                        "",
                        "",
                        "",
                    ]
                else:
                    yield [
                        table.question.code, table.question.text, label, base, row.key, str(row.label),
                        row.count, row.share, row.weighted_share, row.margin,
                    ]  # fmt: skip


def tables_xlsx(tables) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "tables"
    for row in table_rows(tables):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
