"""A small values-survey wave with every question kind, and helpers to answer it."""

import datetime
import secrets

import factory

from surveys import services
from surveys.enums import QuestionKind, SurveyStatus
from surveys.models import Choice, PopulationCell, Question, Section, Survey

from .core import region


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    year = factory.Sequence(lambda n: 2030 + n)
    title_kk = factory.LazyAttribute(lambda o: f"Құндылықтар сауалнамасы {o.year}")
    title_ru = factory.LazyAttribute(lambda o: f"Опрос ценностей {o.year}")
    intro_kk = "Жауаптар анонимді."
    intro_ru = "Ответы анонимны."
    opens_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    closes_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    status = SurveyStatus.OPEN


def wave(**kwargs) -> Survey:
    """Two sections: work (likert, reversed likert, yes/no, show-if multiple) and life (scale, text).

    Index questions: work_meaning (+1), state_provides (−1), work_satisfaction (+1).
    """
    survey = SurveyFactory(**kwargs)
    work = Section.objects.create(survey=survey, position=1, title_kk="Еңбек", title_ru="Труд")
    life = Section.objects.create(survey=survey, position=2, title_kk="Өмір", title_ru="Жизнь")

    def question(section, position, code, kind, kk, ru, required=True, index=0, choices=()):
        q = Question.objects.create(
            survey=survey,
            section=section,
            position=position,
            code=code,
            kind=kind,
            text_kk=kk,
            text_ru=ru,
            required=required,
            index_direction=index,
        )
        for i, (choice_code, label_kk, label_ru) in enumerate(choices):
            Choice.objects.create(
                question=q, code=choice_code, position=i, label_kk=label_kk, label_ru=label_ru
            )
        return q

    question(
        work,
        1,
        "work_meaning",
        QuestionKind.LIKERT,
        "Еңбек өмірге мән береді",
        "Труд придаёт жизни смысл",
        index=1,
    )
    question(
        work, 2, "state_provides", QuestionKind.LIKERT, "Мемлекет мені қамтамасыз етуі керек",
        "Государство должно меня обеспечивать", index=-1,
    )  # fmt: skip
    learning = question(
        work, 3, "learning", QuestionKind.SINGLE, "Соңғы жылы оқыдыңыз ба?",
        "Учились ли вы за последний год?",
        choices=[("yes", "Иә", "Да"), ("no", "Жоқ", "Нет")],
    )  # fmt: skip
    how = question(
        work, 4, "learning_how", QuestionKind.MULTIPLE, "Қалай оқыдыңыз?", "Как вы учились?",
        choices=[
            ("courses", "Курстар", "Курсы"), ("online", "Онлайн", "Онлайн"), ("job", "Жұмыста", "На работе"),
        ],
    )  # fmt: skip
    how.show_if_question = learning
    how.show_if_codes = ["yes"]
    how.save()
    question(
        life, 1, "work_satisfaction", QuestionKind.SCALE, "Жұмысыңызға қаншалық ризасыз?",
        "Насколько вы довольны работой?", index=1,
    )  # fmt: skip
    question(life, 2, "comment", QuestionKind.TEXT, "Пікіріңіз", "Ваше мнение", required=False)
    return survey


def answers(**overrides) -> dict:
    data = {
        "work_meaning": 5,
        "state_provides": 2,
        "learning": "yes",
        "learning_how": ["courses", "online"],
        "work_satisfaction": 8,
        "comment": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def demographics(**overrides) -> dict:
    data = {
        "region": "75",
        "sex": "f",
        "age_group": "25-34",
        "education": "higher",
        "employment": "employed",
        "settlement": "urban",
    }
    data.update(overrides)
    return data


def respond(survey: Survey, *, token: str | None = None, answers_: dict | None = None, today=None, **people):
    """Submit one response through the service (so Answer rows carry their cell like real ones)."""
    return services.response_submit(
        survey=survey,
        token=token or secrets.token_hex(8),
        answers=answers_ if answers_ is not None else answers(),
        demographics=demographics(**people),
        today=today or survey.opens_on,
    )


def population(year: int, figures: dict[tuple[str, str, str], int], *, is_demo: bool = False) -> None:
    """{(region code, sex, age group): population}."""
    for (code, sex, age), value in figures.items():
        PopulationCell.objects.create(
            year=year, region=region(code), sex=sex, age_group=age, population=value, is_demo=is_demo
        )
