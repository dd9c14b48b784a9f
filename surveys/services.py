"""Writes of the values survey: responses, drafts, waves' clones, invitation codes, population figures."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enbek.models import Region

from . import tokens
from .enums import (
    CHOICE_KINDS,
    NUMBER_RANGE,
    AgeGroup,
    Education,
    Employment,
    QuestionKind,
    Settlement,
    Sex,
    SurveyStatus,
    TextReview,
)
from .models import (
    Answer,
    CellCount,
    Choice,
    Draft,
    InvitationBatch,
    InvitationCode,
    Participation,
    PopulationCell,
    Question,
    Response,
    Section,
    Survey,
)

TEXT_MAX_LENGTH = 500
DEMOGRAPHIC_CHOICES = {
    "sex": Sex,
    "age_group": AgeGroup,
    "education": Education,
    "employment": Employment,
    "settlement": Settlement,
}


class SurveyClosed(Exception):
    """The wave does not accept answers today."""


class AlreadyAnswered(Exception):
    """This token (cookie or invitation code) has answered this wave already."""


class AnswersInvalid(Exception):
    """Per-question errors: {question code or demographic field: [message, …]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Structure:
    """A wave's questions with their choices, loaded in three queries, for validation and pages."""

    survey: Survey
    sections: list[Section]
    questions: list[Question]

    @classmethod
    def load(cls, survey: Survey) -> "Structure":
        sections = list(survey.sections.order_by("position", "id"))
        questions = list(
            survey.questions.select_related("show_if_question")
            .prefetch_related("choices")
            .order_by("section__position", "section_id", "position", "id")
        )
        by_section: dict[int, list[Question]] = {}
        for question in questions:
            by_section.setdefault(question.section_id, []).append(question)
        for section in sections:
            section.question_list = by_section.get(section.pk, [])
        return cls(survey=survey, sections=sections, questions=questions)

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)


def _as_codes(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v) != ""]
    return [str(value)]


def question_visible(question: Question, answers: dict, structure: Structure) -> bool:
    """Whether the show-if rule shows the question, given the (raw) answers so far."""
    parent = question.show_if_question
    if parent is None:
        return True
    parent = structure.question(parent.code) or parent
    if not question_visible(parent, answers, structure):
        return False
    given = set(_as_codes(answers.get(parent.code)))
    return bool(given & {str(code) for code in question.show_if_codes})


def answers_without_hidden(*, structure: Structure, answers: dict) -> dict:
    """The answers minus those to questions the show-if rules now hide (an earlier answer changed)."""
    return {
        code: value
        for code, value in answers.items()
        if (question := structure.question(code)) is not None
        and question_visible(question, answers, structure)
    }


def _clean_answer(question: Question, value) -> tuple[list, list[str]]:
    """(cleaned values, errors) of one visible question's raw answer."""
    codes = _as_codes(value)
    if question.kind == QuestionKind.TEXT:
        text = (value if isinstance(value, str) else " ".join(codes)).strip()
        if not text:
            return [], []
        if len(text) > TEXT_MAX_LENGTH:
            return [], [_("At most %(max)d characters, please.") % {"max": TEXT_MAX_LENGTH}]
        return [text], []
    if not codes:
        return [], []
    if question.kind in CHOICE_KINDS:
        if question.kind == QuestionKind.SINGLE and len(codes) > 1:
            return [], [_("Choose one answer only.")]
        choices = {choice.code: choice for choice in question.choices.all()}
        unknown = [code for code in codes if code not in choices]
        if unknown:
            return [], [
                _("This answer is not one of the choices: %(codes)s.") % {"codes": ", ".join(unknown)}
            ]
        return [choices[code] for code in dict.fromkeys(codes)], []
    low, high = NUMBER_RANGE[question.kind]
    if len(codes) > 1:
        return [], [_("Choose one answer only.")]
    try:
        number = int(codes[0])
    except ValueError:
        return [], [_("Choose a number from %(low)d to %(high)d.") % {"low": low, "high": high}]
    if not low <= number <= high:
        return [], [_("Choose a number from %(low)d to %(high)d.") % {"low": low, "high": high}]
    return [number], []


def answers_validate(*, structure: Structure, answers: dict, questions: list[Question] | None = None) -> dict:
    """{code: cleaned values} of the visible answered questions; AnswersInvalid with per-question errors.

    `questions` limits the check to one page's questions (the rest is checked when the response is sent).
    Errors: a required visible question left empty, an unknown choice, a number out of range, an
    answer to a question its show-if rule hides, an answer to a question the wave does not have.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, list] = {}
    checked = questions if questions is not None else structure.questions
    if questions is None:
        known = {q.code for q in structure.questions}
        for code in answers:
            if code not in known:
                errors[code] = [_("This survey has no such question.")]
    for question in checked:
        value = answers.get(question.code)
        given = bool(_as_codes(value)) or (isinstance(value, str) and value.strip())
        if not question_visible(question, answers, structure):
            if given:
                errors[question.code] = [_("This question is not asked after your earlier answer.")]
            continue
        values, problems = _clean_answer(question, value)
        if problems:
            errors[question.code] = problems
        elif not values and question.required:
            errors[question.code] = [_("Please answer this question.")]
        elif values:
            cleaned[question.code] = values
    if errors:
        raise AnswersInvalid(errors)
    return cleaned


def demographics_validate(*, demographics: dict) -> dict:
    """The demographic block as model values (region as a Region); AnswersInvalid with field errors."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    region = demographics.get("region")
    if isinstance(region, Region):
        cleaned["region"] = region
    elif region in (None, ""):
        errors["region"] = [_("Please choose your region.")]
    else:
        found = Region.objects.filter(code=str(region)).first()
        if found is None and str(region).isdigit():
            found = Region.objects.filter(pk=int(region)).first()
        if found is None:
            errors["region"] = [_("Choose a region from the list.")]
        cleaned["region"] = found
    for field, choices in DEMOGRAPHIC_CHOICES.items():
        value = demographics.get(field)
        if value in (None, ""):
            errors[field] = [_("Please answer this question.")]
        elif value not in choices.values:
            errors[field] = [_("Choose an answer from the list.")]
        else:
            cleaned[field] = value
    if errors:
        raise AnswersInvalid(errors)
    return cleaned


def response_submit(
    *, survey: Survey, token: str, answers: dict, demographics: dict, today: datetime.date | None = None
) -> Response:
    """Record a completed questionnaire and that its token has answered, or refuse it.

    Participation and Response are inserted in one transaction: the unique (wave, token hash) makes a
    second response with the same token fail as a whole (AlreadyAnswered), even when two arrive at once.
    The draft of the token is deleted. Raises SurveyClosed, AnswersInvalid or AlreadyAnswered.
    """
    today = today or timezone.localdate()
    if not survey.is_open_on(today):
        raise SurveyClosed
    structure = Structure.load(survey)
    errors: dict[str, list[str]] = {}
    try:
        people = demographics_validate(demographics=demographics)
    except AnswersInvalid as invalid:
        errors.update(invalid.errors)
    try:
        cleaned = answers_validate(structure=structure, answers=answers)
    except AnswersInvalid as invalid:
        errors.update(invalid.errors)
    if errors:
        raise AnswersInvalid(errors)
    digest = tokens.token_hash(survey.pk, token)
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, token_hash=digest)
            response = Response.objects.create(survey=survey, submitted_on=today, **people)
            cell = {
                "survey": survey,
                "region": people["region"],
                "sex": people["sex"],
                "age_group": people["age_group"],
            }
            rows = []
            for question in structure.questions:
                for value in cleaned.get(question.code, []):
                    row = Answer(response=response, question=question, **cell)
                    if isinstance(value, Choice):
                        row.choice = value
                    elif isinstance(value, int):
                        row.number = value
                    else:
                        row.text, row.text_review = value, TextReview.PENDING
                    rows.append(row)
            Answer.objects.bulk_create(rows)
            cell_counts_add(answers=rows)
            Draft.objects.filter(survey=survey, token_hash=digest).delete()
    except IntegrityError:
        raise AlreadyAnswered from None
    return response


def _count_keys(answers) -> dict[tuple, int]:
    """{(survey_id, question_id, key, region_id, sex, age_group): n} of answer rows (text left out)."""
    counted: dict[tuple, int] = {}
    answered: set[tuple] = set()
    for row in answers:
        if row.choice_id is None and row.number is None:
            continue
        cell = (row.region_id, row.sex, row.age_group)
        key = row.choice.code if row.choice_id is not None else str(row.number)
        counted[(row.survey_id, row.question_id, key, *cell)] = (
            counted.get((row.survey_id, row.question_id, key, *cell), 0) + 1
        )
        answered.add((row.survey_id, row.question_id, CellCount.RESPONDENTS, *cell))
    for key in answered:
        counted[key] = counted.get(key, 0) + 1
    return counted


def cell_counts_add(*, answers: list[Answer]) -> None:
    """Add one response's answers to the cell counts (an upsert that increments; rows in a fixed order,
    so that two concurrent responses lock the same rows in the same order and never deadlock)."""
    counted = _count_keys(answers)
    if not counted:
        return
    table = CellCount._meta.db_table
    values = sorted(counted.items())
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(values))
    params = [value for key, n in values for value in (*key, n)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (survey_id, question_id, key, region_id, sex, age_group, n) "  # noqa: S608 - our table name
            f"VALUES {placeholders} ON CONFLICT (survey_id, question_id, key, region_id, sex, age_group) "
            f"DO UPDATE SET n = {table}.n + EXCLUDED.n",
            params,
        )


@transaction.atomic
def cell_counts_rebuild(*, survey: Survey) -> int:
    """Recount a wave's cell counts from its answers (after a bulk load such as the demo's COPY)."""
    CellCount.objects.filter(survey=survey).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO surveys_cellcount (survey_id, question_id, key, region_id, sex, age_group, n)
            SELECT a.survey_id, a.question_id, COALESCE(c.code, CAST(a.number AS VARCHAR(40))),
                   a.region_id, a.sex, a.age_group, COUNT(*)
            FROM surveys_answer a LEFT JOIN surveys_choice c ON c.id = a.choice_id
            WHERE a.survey_id = %s AND (a.choice_id IS NOT NULL OR a.number IS NOT NULL)
            GROUP BY a.survey_id, a.question_id, COALESCE(c.code, CAST(a.number AS VARCHAR(40))),
                     a.region_id, a.sex, a.age_group
            """,
            [survey.pk],
        )
        cursor.execute(
            """
            INSERT INTO surveys_cellcount (survey_id, question_id, key, region_id, sex, age_group, n)
            SELECT a.survey_id, a.question_id, '*', a.region_id, a.sex, a.age_group,
                   CASE WHEN q.kind = 'multiple' THEN COUNT(DISTINCT a.response_id) ELSE COUNT(*) END
            FROM surveys_answer a JOIN surveys_question q ON q.id = a.question_id
            WHERE a.survey_id = %s AND (a.choice_id IS NOT NULL OR a.number IS NOT NULL)
            GROUP BY a.survey_id, a.question_id, q.kind, a.region_id, a.sex, a.age_group
            """,
            [survey.pk],
        )
    return CellCount.objects.filter(survey=survey).count()


def has_answered(*, survey: Survey, token: str) -> bool:
    return Participation.objects.filter(
        survey=survey, token_hash=tokens.token_hash(survey.pk, token)
    ).exists()


def draft_save(*, survey: Survey, token: str, data: dict, page: int) -> Draft:
    """Keep the answers typed so far (server side, under the hashed token) so a reload loses nothing."""
    draft, _created = Draft.objects.update_or_create(
        survey=survey, token_hash=tokens.token_hash(survey.pk, token), defaults={"data": data, "page": page}
    )
    return draft


def draft_get(*, survey: Survey, token: str) -> Draft | None:
    return Draft.objects.filter(survey=survey, token_hash=tokens.token_hash(survey.pk, token)).first()


def drafts_purge(*, today: datetime.date) -> int:
    """Delete the drafts of waves that no longer accept answers: unsent answers are not kept."""
    deleted, _by_model = Draft.objects.filter(survey__closes_on__lt=today).delete()
    return deleted


def invitation_code_check(*, survey: Survey, code: str) -> str:
    """The participation token of a valid, unused invitation code of this wave, else ValidationError."""
    normalised = tokens.normalise_code(code)
    if not InvitationCode.objects.filter(batch__survey=survey, code=normalised).exists():
        raise ValidationError(_("This invitation code is not valid for this survey."), code="unknown")
    token = tokens.code_token(normalised)
    if has_answered(survey=survey, token=token):
        raise ValidationError(_("This invitation code has been used already."), code="used")
    return token


@transaction.atomic
def invitation_batch_create(
    *, survey: Survey, label: str, size: int, region: Region | None = None
) -> InvitationBatch:
    """A batch of `size` unique one-time codes for a field interviewer (a printable list)."""
    if not 1 <= size <= 5000:
        raise ValidationError(_("A batch has from 1 to 5,000 codes."))
    batch = InvitationBatch.objects.create(survey=survey, label=label, size=size, region=region)
    made: set[str] = set()
    while len(made) < size:
        wanted = {tokens.new_code() for _ in range(size - len(made))} - made
        taken = set(InvitationCode.objects.filter(code__in=wanted).values_list("code", flat=True))
        made |= wanted - taken
    InvitationCode.objects.bulk_create(InvitationCode(batch=batch, code=code) for code in sorted(made))
    return batch


def _translated(obj, field: str) -> dict:
    return {f"{field}_{lang}": getattr(obj, f"{field}_{lang}") for lang in ("kk", "ru")}


@transaction.atomic
def survey_clone(*, source: Survey, year: int) -> Survey:
    """A draft wave for `year` with the source's sections, questions, choices and show-if rules.

    Question and choice codes are kept, so that the two years' tables line up; dates move by the years
    between the waves. Answers, participations and invitation codes are not copied.
    """
    if Survey.objects.filter(year=year).exists():
        raise ValidationError(_("A survey wave for %(year)d exists already.") % {"year": year})
    shift = year - source.year

    def moved(day: datetime.date) -> datetime.date:
        try:
            return day.replace(year=day.year + shift)
        except ValueError:  # 29 February
            return day.replace(year=day.year + shift, day=28)

    survey = Survey.objects.create(
        year=year,
        opens_on=moved(source.opens_on),
        closes_on=moved(source.closes_on),
        status=SurveyStatus.DRAFT,
        **_translated(source, "title"),
        **_translated(source, "intro"),
    )
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = Section.objects.create(
            survey=survey, position=section.position, **_translated(section, "title")
        )
    questions = {}
    old_questions = list(source.questions.prefetch_related("choices"))
    for question in old_questions:
        questions[question.pk] = Question.objects.create(
            survey=survey,
            section=sections[question.section_id],
            code=question.code,
            position=question.position,
            kind=question.kind,
            required=question.required,
            show_if_codes=list(question.show_if_codes),
            index_direction=question.index_direction,
            **_translated(question, "text"),
            **_translated(question, "help_text"),
        )
        Choice.objects.bulk_create(
            Choice(
                question=questions[question.pk], code=c.code, position=c.position, **_translated(c, "label")
            )
            for c in question.choices.all()
        )
    for question in old_questions:
        if question.show_if_question_id:
            new = questions[question.pk]
            new.show_if_question = questions[question.show_if_question_id]
            new.save(update_fields=["show_if_question"])
    return survey


def answers_review(*, answer_ids: list[int], status: str) -> int:
    """Approve or reject open-text answers; only approved ones appear in results and exports."""
    if status not in TextReview.values:
        raise ValueError(status)
    return Answer.objects.filter(pk__in=answer_ids).exclude(text="").update(text_review=status)


POPULATION_COLUMNS = ("year", "region_code", "sex", "age_group", "population")


@transaction.atomic
def population_import(*, csv_text: str, is_demo: bool = False, source: str = "") -> int:
    """Create or update population cells from CSV (columns: year, region_code, sex, age_group, population).

    The statistics bureau's table reshaped to one row per cell; sex m/f, age groups as in the survey.
    All or nothing: any bad line is a ValidationError naming its line number.
    """
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    missing = [c for c in POPULATION_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    regions = {r.code: r for r in Region.objects.all()}
    errors, rows = [], []
    for line, row in enumerate(reader, start=2):
        region = regions.get((row["region_code"] or "").strip())
        sex = (row["sex"] or "").strip().lower()
        age = (row["age_group"] or "").strip()
        try:
            year, population = int(row["year"]), int(row["population"])
        except (TypeError, ValueError):
            year = population = -1
        if (
            region is None
            or sex not in Sex.values
            or age not in AgeGroup.values
            or year < 1990
            or population < 0
        ):
            errors.append(line)
            continue
        rows.append((year, region, sex, age, population))
    if errors:
        raise ValidationError(
            _("Lines with an unknown region, sex, age group or a bad number: %(lines)s.")
            % {"lines": ", ".join(map(str, errors[:20]))}
        )
    for year, region, sex, age, population in rows:
        PopulationCell.objects.update_or_create(
            year=year,
            region=region,
            sex=sex,
            age_group=age,
            defaults={"population": population, "is_demo": is_demo, "source": source},
        )
    return len(rows)
