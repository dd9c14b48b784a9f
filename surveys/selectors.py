"""Reads of the values survey: the open wave, weights, question tables, the index, indicator measures.

Every table is one or two grouped queries on Answer (which carries its response's weighting cell),
then raking and estimates on the aggregated cells in Python (surveys.weighting).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.aggregations import filter_period
from enbek.models import Region

from . import weighting
from .enums import CHOICE_KINDS, DEMOGRAPHICS, NUMBER_RANGE, QuestionKind, SurveyStatus, TextReview
from .models import Answer, CellCount, PopulationCell, Question, Response, Survey

CELL_FIELDS = ("region_id", "sex", "age_group")
BY_CHOICES = tuple(DEMOGRAPHICS)


def survey_current(*, today: datetime.date | None = None) -> Survey | None:
    """The wave open today (the latest if, by mistake, two are)."""
    today = today or timezone.localdate()
    return (
        Survey.objects.filter(status=SurveyStatus.OPEN, opens_on__lte=today, closes_on__gte=today)
        .order_by("-year")
        .first()
    )


def survey_published_list() -> QuerySet[Survey]:
    return Survey.objects.filter(status=SurveyStatus.PUBLISHED).order_by("-year")


def survey_with_results_list() -> QuerySet[Survey]:
    return (
        Survey.objects.exclude(status=SurveyStatus.DRAFT)
        .annotate(respondents=Count("responses"))
        .order_by("-year")
    )


def can_see_results(user, survey: Survey) -> bool:
    return survey.is_published or bool(
        user and user.is_authenticated and user.has_perm("surveys.view_results")
    )


def can_see_full_results(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("surveys.view_results"))


# --- Weights -----------------------------------------------------------------------------------------


def population_year(survey: Survey) -> int | None:
    """The latest year of population figures up to the wave's year (else the earliest there is)."""
    years = PopulationCell.objects.values_list("year", flat=True).distinct()
    before = [y for y in years if y <= survey.year]
    if before:
        return max(before)
    return min(years, default=None)


def population_margins(survey: Survey) -> tuple[list[dict], bool]:
    """([by region, by sex, by age group], whether any figure is a demo figure), one query."""
    year = population_year(survey)
    margins: list[dict] = [defaultdict(float), defaultdict(float), defaultdict(float)]
    demo = False
    rows = PopulationCell.objects.filter(year=year).values_list(
        "region_id", "sex", "age_group", "population", "is_demo"
    )
    for region_id, sex, age_group, population, is_demo in rows:
        margins[0][region_id] += population
        margins[1][sex] += population
        margins[2][age_group] += population
        demo = demo or is_demo
    return [dict(m) for m in margins], demo


def sample_cells(survey: Survey) -> dict[tuple, int]:
    rows = Response.objects.filter(survey=survey).values(*CELL_FIELDS).annotate(n=Count("pk")).order_by()
    return {(r["region_id"], r["sex"], r["age_group"]): r["n"] for r in rows}


@dataclass
class Weights:
    by_cell: dict[tuple, float]
    respondents: int
    demo_population: bool
    weighted: bool  # False when there are no population figures: weights are all 1

    @property
    def range(self) -> tuple[float, float] | None:
        if not self.by_cell:
            return None
        return round(min(self.by_cell.values()), 3), round(max(self.by_cell.values()), 3)


def survey_weights(survey: Survey) -> Weights:
    """Raking weights of the wave's cells on the region, sex and age-group margins (two queries)."""
    sample = sample_cells(survey)
    margins, demo = population_margins(survey)
    weighted = any(margins)
    by_cell = weighting.rake(sample, margins) if weighted else dict.fromkeys(sample, 1.0)
    return Weights(by_cell=by_cell, respondents=sum(sample.values()), demo_population=demo, weighted=weighted)


# --- Question tables ---------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    count: int | None
    share: float | None
    weighted_share: float | None
    margin: float | None
    suppressed: bool

    def as_dict(self) -> dict:
        return {
            "code": self.key,
            "label": str(self.label),
            "count": self.count,
            "share": self.share,
            "weighted_share": self.weighted_share,
            "margin": self.margin,
            "suppressed": self.suppressed,
        }


@dataclass
class Group:
    key: str
    label: str
    base: int | None
    rows: list[Row]
    suppressed: bool
    weighted_mean: float | None = None


@dataclass
class Table:
    question: Question
    base: int | None
    rows: list[Row]
    suppressed: bool
    weighted_mean: float | None = None
    groups: list[Group] = field(default_factory=list)

    def as_dict(self) -> dict:
        def group(g: Group) -> dict:
            return {
                "key": g.key,
                "label": str(g.label),
                "base": g.base,
                "suppressed": g.suppressed,
                "weighted_mean": g.weighted_mean,
                "rows": [r.as_dict() for r in g.rows],
            }

        return {
            "question": self.question.code,
            "text": self.question.text,
            "kind": self.question.kind,
            "base": self.base,
            "suppressed": self.suppressed,
            "weighted_mean": self.weighted_mean,
            "rows": [r.as_dict() for r in self.rows],
            "groups": [group(g) for g in self.groups],
        }


def _categories(question: Question) -> list[tuple[str, str]]:
    """(key, label) of a question's answer categories: choice codes or the scale's numbers."""
    if question.kind in CHOICE_KINDS:
        return [(c.code, c.label) for c in question.choices.all()]
    if question.kind in NUMBER_RANGE:
        low, high = NUMBER_RANGE[question.kind]
        return [(str(n), str(n)) for n in range(low, high + 1)]
    return []


def _by_field(by: str | None) -> str | None:
    if by is None:
        return None
    if by not in BY_CHOICES:
        raise ValueError(by)
    return "region_id" if by == "region" else (by if by in ("sex", "age_group") else f"response__{by}")


def group_labels(by: str) -> dict[str, str]:
    if by == "region":
        return {str(r.pk): r.name for r in Region.objects.order_by("code")}
    return dict(DEMOGRAPHICS[by].choices)


def _build_rows(categories, counts_by_key: dict, base: dict, weights: dict) -> list[Row]:
    rows = []
    for key, label in categories:
        estimate = weighting.estimate(counts_by_key.get(key, {}), base, weights)
        if weighting.suppressed(estimate["count"]):
            rows.append(Row(key, label, None, None, None, None, True))
        else:
            rows.append(
                Row(
                    key,
                    label,
                    estimate["count"],
                    estimate["share"],
                    estimate["weighted_share"],
                    estimate["margin"],
                    False,
                )
            )
    return rows


def _weighted_mean(numbers: dict, weights: dict) -> float | None:
    """Weighted mean of a numeric question from {(cell, number): count}."""
    total = weight = 0.0
    for (cell, number), count in numbers.items():
        w = weights.get(cell, 0.0) * count
        total += w * number
        weight += w
    return round(total / weight, 2) if weight else None


def _nested():
    # counts[question][group][category][cell], numbers[question][group][(cell, number)],
    # bases[question][group][cell]
    return (
        defaultdict(lambda: defaultdict(lambda: defaultdict(dict))),
        defaultdict(lambda: defaultdict(dict)),
        defaultdict(lambda: defaultdict(dict)),
    )


def _add(target: dict, key, n: int) -> None:
    target[key] = target.get(key, 0) + n


def _approved_texts(survey: Survey, questions, counts, bases, *, by_field) -> None:
    """Open-text answers count once approved: one grouped query on the wave's text questions."""
    texts = [q.pk for q in questions if q.kind == QuestionKind.TEXT]
    if not texts:
        return
    fields = [*CELL_FIELDS] + ([by_field] if by_field and by_field not in CELL_FIELDS else [])
    rows = (
        Answer.objects.filter(survey=survey, question_id__in=texts, text_review=TextReview.APPROVED)
        .values("question_id", *fields)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        cell = (row["region_id"], row["sex"], row["age_group"])
        for group in {None, None if by_field is None else str(row[by_field])}:
            _add(counts[row["question_id"]][group]["text"], cell, row["n"])
            _add(bases[row["question_id"]][group], cell, row["n"])


def _cell_counts(survey: Survey, questions, *, by_field, all_questions: bool):
    """From the maintained cell counts (CellCount): a few thousand rows whatever the number of answers."""
    counts, numbers, bases = _nested()
    numeric = {q.pk for q in questions if q.kind in NUMBER_RANGE}
    rows = CellCount.objects.filter(survey=survey)
    if not all_questions:
        rows = rows.filter(question_id__in=[q.pk for q in questions])
    for question_id, key, region_id, sex, age_group, n in rows.values_list(
        "question_id", "key", "region_id", "sex", "age_group", "n"
    ).order_by():
        cell = (region_id, sex, age_group)
        group = (
            None
            if by_field is None
            else str({"region_id": region_id, "sex": sex, "age_group": age_group}[by_field])
        )
        for g in {None, group}:
            if key == CellCount.RESPONDENTS:
                _add(bases[question_id][g], cell, n)
                continue
            _add(counts[question_id][g][key], cell, n)
            if question_id in numeric:
                _add(numbers[question_id][g], (cell, int(key)), n)
    _approved_texts(survey, questions, counts, bases, by_field=by_field)
    return counts, numbers, bases


def _scan_counts(survey: Survey, questions, *, by_field, all_questions: bool):
    """A breakdown by a demographic outside the weighting cell: grouped queries on Answer joined to
    Response (one over the answers, one DISTINCT over the multiple-choice questions' rows only)."""
    counts, numbers, bases = _nested()
    answers = Answer.objects.filter(survey=survey).order_by().exclude(choice=None, number=None)
    if not all_questions:
        answers = answers.filter(question_id__in=[q.pk for q in questions])
    counted = answers.values("question_id", "choice_id", "number", *CELL_FIELDS, by_field).annotate(
        n=Count("pk")
    )
    multiple = {q.pk for q in questions if q.kind == QuestionKind.MULTIPLE}
    based = (
        answers.filter(question_id__in=multiple)
        .values("question_id", *CELL_FIELDS, by_field)
        .annotate(n=Count("response_id", distinct=True))
        if multiple
        else []
    )
    choice_codes = {c.pk: c.code for q in questions for c in q.choices.all()}
    for row in counted:
        cell = (row["region_id"], row["sex"], row["age_group"])
        key = choice_codes.get(row["choice_id"], "?") if row["choice_id"] is not None else str(row["number"])
        for group in {None, str(row[by_field])}:
            _add(counts[row["question_id"]][group][key], cell, row["n"])
            if row["question_id"] not in multiple:
                _add(bases[row["question_id"]][group], cell, row["n"])
            if row["number"] is not None:
                _add(numbers[row["question_id"]][group], (cell, row["number"]), row["n"])
    for row in based:
        cell = (row["region_id"], row["sex"], row["age_group"])
        for group in {None, str(row[by_field])}:
            _add(bases[row["question_id"]][group], cell, row["n"])
    _approved_texts(survey, questions, counts, bases, by_field=by_field)
    return counts, numbers, bases


def question_tables(
    survey: Survey,
    *,
    by: str | None = None,
    weights: Weights | None = None,
    question_codes: list[str] | None = None,
) -> list[Table]:
    """Counts, unweighted and weighted shares with 95% margins for every question (or the listed ones).

    Read from the cell counts kept by response_submit (one query) plus the approved open texts (one),
    whatever the number of responses; a breakdown by education, employment or settlement scans Answer
    with grouped queries instead.
    A category with fewer than 10 respondents, and a group with fewer than 10, are suppressed.
    """
    weights = weights or survey_weights(survey)
    questions = list(
        survey.questions.prefetch_related("choices").order_by(
            "section__position", "section_id", "position", "id"
        )
    )
    if question_codes is not None:
        questions = [q for q in questions if q.code in question_codes]
    by_field = _by_field(by)
    counts, numbers, bases = (
        _scan_counts(survey, questions, by_field=by_field, all_questions=question_codes is None)
        if by_field and by_field not in CELL_FIELDS
        else _cell_counts(survey, questions, by_field=by_field, all_questions=question_codes is None)
    )

    labels = group_labels(by) if by else {}
    tables = []
    for question in questions:
        categories = _categories(question)
        if question.kind == QuestionKind.TEXT:
            categories = [("text", _("Answered"))]
        base = bases[question.pk][None]
        n = sum(base.values())
        table = Table(
            question=question,
            base=None if weighting.suppressed(n) else n,
            rows=[],
            suppressed=weighting.suppressed(n),
        )
        if not table.suppressed:
            table.rows = _build_rows(categories, counts[question.pk][None], base, weights.by_cell)
            if question.kind in NUMBER_RANGE:
                table.weighted_mean = _weighted_mean(numbers[question.pk][None], weights.by_cell)
        if by:
            for key, label in labels.items():
                group_base = bases[question.pk].get(key, {})
                gn = sum(group_base.values())
                if gn == 0:
                    continue
                if weighting.suppressed(gn):
                    table.groups.append(Group(key, label, None, [], True))
                    continue
                group = Group(
                    key,
                    label,
                    gn,
                    _build_rows(categories, counts[question.pk][key], group_base, weights.by_cell),
                    False,
                )
                if question.kind in NUMBER_RANGE:
                    group.weighted_mean = _weighted_mean(numbers[question.pk][key], weights.by_cell)
                table.groups.append(group)
        tables.append(table)
    return tables


def questions_year_over_year(*, codes: list[str]) -> dict[str, dict]:
    """Weighted shares of the questions (by code) in every wave that asked them, matched by choice codes.

    {code: {"years": [...], "series": [{"code", "label", "values": [share or None, …]}]}}; a suppressed
    share is None. Two grouped queries (plus weights) per wave, whatever the number of questions.
    """
    waves = list(
        Survey.objects.exclude(status=SurveyStatus.DRAFT)
        .filter(questions__code__in=codes)
        .distinct()
        .order_by("year")
    )
    found: dict[str, dict] = {}
    for wave in waves:
        for table in question_tables(wave, question_codes=codes):
            trend = found.setdefault(table.question.code, {"years": [], "series": {}, "order": []})
            trend["years"].append(wave.year)
            for row in table.rows:
                if row.key not in trend["series"]:
                    trend["series"][row.key] = {"code": row.key, "label": str(row.label), "values": {}}
                    trend["order"].append(row.key)
                trend["series"][row.key]["values"][wave.year] = row.weighted_share
    return {
        code: {
            "code": code,
            "years": trend["years"],
            "series": [
                {
                    **trend["series"][key],
                    "values": [trend["series"][key]["values"].get(y) for y in trend["years"]],
                }
                for key in trend["order"]
            ],
        }
        for code, trend in found.items()
    }


def question_year_over_year(*, code: str) -> dict:
    return questions_year_over_year(codes=[code]).get(code, {"code": code, "years": [], "series": []})


def open_texts(survey: Survey, *, question: Question) -> QuerySet[Answer]:
    """Approved open-text answers of a question (never the pending or rejected ones)."""
    return (
        Answer.objects.filter(survey=survey, question=question, text_review=TextReview.APPROVED)
        .exclude(text="")
        .order_by("pk")
    )


def texts_pending_count() -> int:
    return Answer.objects.filter(text_review=TextReview.PENDING).count()


# --- Labour values index -----------------------------------------------------------------------------


def labour_values_index(survey: Survey, *, weights: Weights | None = None) -> dict:
    """The labour values index (0–100) of a wave: the republic and each region (formula in the README).

    Each index question's answers are scored 0–100 ((answer − lowest) / (highest − lowest) × 100,
    reversed for a reversed question); the index is the mean over the index questions of their weighted
    mean scores. One query on the cell counts.
    {"republic": value or None, "regions": {region_id: value or None}};
    a region with fewer than 10 respondents is None (suppressed).
    """
    weights = weights or survey_weights(survey)
    questions = {
        q.pk: q for q in survey.questions.exclude(index_direction=0).filter(kind__in=list(NUMBER_RANGE))
    }
    rows = (
        CellCount.objects.filter(survey=survey, question_id__in=list(questions))
        .exclude(key=CellCount.RESPONDENTS)
        .values_list("question_id", "key", *CELL_FIELDS, "n")
        .order_by()
    )
    # sums[group][question] = [Σ w·score, Σ w]; answered[group][question] = n
    sums: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    answered: dict = defaultdict(lambda: defaultdict(int))
    for question_id, key, region_id, sex, age_group, n in rows:
        question = questions[question_id]
        low, high = NUMBER_RANGE[question.kind]
        score = weighting.normalised_score(int(key), low, high, question.index_direction)
        w = weights.by_cell.get((region_id, sex, age_group), 0.0) * n
        for group in (None, region_id):
            sums[group][question.pk][0] += w * score
            sums[group][question.pk][1] += w
            answered[group][question.pk] += n

    def value(group) -> float | None:
        means = [s / w for q, (s, w) in sums[group].items() if w]
        if not means or weighting.suppressed(max(answered[group].values(), default=0)):
            return None
        return round(sum(means) / len(means), 1)

    return {"republic": value(None), "regions": {g: value(g) for g in sums if g is not None}}


# --- Indicator measures (indicators/sources.py) ------------------------------------------------------


def _responses() -> QuerySet[Response]:
    return Response.objects.exclude(survey__status=SurveyStatus.DRAFT)


def survey_respondents_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Responses submitted in the period (by the day), by the respondent's region."""
    from enbek.aggregations import aggregate_by_period

    return aggregate_by_period(
        _responses(),
        date_field="submitted_on",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def survey_respondents_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Response]:
    queryset = filter_period(_responses(), "submitted_on", date_from, date_to)
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    return queryset.select_related("survey", "region").order_by("submitted_on", "pk")


def _index_waves(date_from: datetime.date, date_to: datetime.date) -> list[Survey]:
    # A wave belongs to its year: the index of the 2025 wave is the value of 2025.
    years = range(date_from.year, date_to.year + 1)
    return [
        s
        for s in Survey.objects.filter(
            year__in=list(years), status__in=[SurveyStatus.CLOSED, SurveyStatus.PUBLISHED]
        )
        if date_from <= datetime.date(s.year, 1, 1) < date_to
    ]


def labour_values_index_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """The index of the closed waves whose year starts in the period, by region or for the republic."""
    result = []
    for survey in _index_waves(date_from, date_to):
        index = labour_values_index(survey)
        start = datetime.date(survey.year, 1, 1)
        if by_region:
            result.extend(
                {"region_id": region_id, "period_start": start, "value": value}
                for region_id, value in index["regions"].items()
                if value is not None
            )
        elif index["republic"] is not None:
            result.append({"region_id": None, "period_start": start, "value": index["republic"]})
    return result


def labour_values_index_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Response]:
    queryset = Response.objects.filter(survey__in=_index_waves(date_from, date_to))
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    return queryset.select_related("survey", "region").order_by("submitted_on", "pk")


def survey_work_items(user):
    """Open-text answers waiting for review, for those who may review them (the admin's list)."""
    from enbek.worklist import WorkItem

    if not user.has_perm("surveys.change_answer"):
        return []
    url = reverse("admin:surveys_answer_changelist") + "?text_review__exact=pending"
    return [WorkItem("surveys.texts", _("Survey texts to review"), url, texts_pending_count(), order=60)]
