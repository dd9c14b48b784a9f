# ruff: noqa: E501 - the questionnaire is a table of bilingual texts, one line per question
"""Demo values survey (seed_demo's SECTION_SEEDERS): last year's published wave with its results and this
year's open wave, the same 30 questions and codes, plus demo population figures (marked is_demo).

Deterministic (ctx.rng("surveys")) and idempotent: a wave that exists is completed up to the size's
number of responses, never duplicated. Small: 800 responses last year, 150 this year. Large: 200,000
last year, written with PostgreSQL's COPY (a few minutes instead of an hour of INSERTs).
"""

import datetime
import io
import math
import secrets

from django.db import connection, transaction

from enbek.demo.context import DemoContext
from enbek.models import Region

from . import services, tokens
from .enums import AgeGroup, Education, Employment, QuestionKind, Settlement, SurveyStatus, TextReview
from .models import (
    Answer,
    CellCount,
    Choice,
    Participation,
    PopulationCell,
    Question,
    Response,
    Section,
    Survey,
)

NULL = "\\N"  # COPY's NULL
RESPONSES = {"small": (800, 150), "large": (200_000, 2_000)}

L, S, C, M, T, N = (
    QuestionKind.LIKERT,
    QuestionKind.SINGLE,
    QuestionKind.SCALE,
    QuestionKind.MULTIPLE,
    QuestionKind.TEXT,
    None,
)
YES_NO = [("yes", "Иә", "Да"), ("no", "Жоқ", "Нет")]

# (section code, kk, ru, [(code, kind, index direction, kk, ru, choices, show-if (code, [codes]) or None)])
QUESTIONNAIRE = [
    ("work", "Еңбекке көзқарас", "Отношение к труду", [
        ("work_meaning", L, 1, "Еңбек адам өміріне мән береді", "Труд придаёт смысл жизни человека", [], N),
        ("work_any_honest", L, 1, "Кез келген адал еңбек құрметке лайық", "Любой честный труд достоин уважения", [], N),
        ("work_hard_success", L, 1, "Табысқа жетудің негізгі жолы — еңбекқорлық", "Главный путь к успеху — трудолюбие", [], N),
        ("work_blue_collar", L, 1, "Жұмысшы мамандығы жоғары білімді мамандықтан кем емес",
         "Рабочая профессия не хуже профессии с высшим образованием", [], N),
        ("work_connections", L, -1, "Жақсы жұмысты тек таныс арқылы табуға болады",
         "Хорошую работу можно найти только по знакомству", [], N),
        ("work_satisfaction", C, 1, "Қазіргі жұмысыңызға (оқуыңызға) қаншалық ризасыз?",
         "Насколько вы довольны своей работой (учёбой)?", [], N),
        ("work_priority", S, 0, "Жұмыста сіз үшін ең маңыздысы не?", "Что для вас главное в работе?", [
            ("pay", "Жалақы", "Зарплата"), ("stability", "Тұрақтылық", "Стабильность"),
            ("interest", "Қызықты іс", "Интересное дело"), ("team", "Ұжым", "Коллектив"),
            ("benefit", "Қоғамға пайда", "Польза обществу")], N),
        ("work_children", S, 0, "Балаңызға қандай жолды ұсынар едіңіз?", "Какой путь вы посоветовали бы своему ребёнку?", [
            ("university", "Университет", "Университет"),
            ("college", "Колледж және жұмысшы мамандығы", "Колледж и рабочая профессия"),
            ("business", "Өз ісі", "Своё дело"), ("state", "Мемлекеттік қызмет", "Государственная служба")], N),
    ]),
    ("learning", "Білім және даму", "Обучение и развитие", [
        ("learn_lifelong", L, 1, "Адам өмір бойы оқуы керек", "Человек должен учиться всю жизнь", [], N),
        ("learn_past_year", S, 0, "Соңғы 12 айда курста немесе тренингте оқыдыңыз ба?",
         "Учились ли вы на курсах или тренингах за последние 12 месяцев?", YES_NO, N),
        ("learn_how", M, 0, "Қалай оқыдыңыз?", "Как вы учились?", [
            ("paid", "Ақылы курстар", "Платные курсы"),
            ("free", "Тегін мемлекеттік курстар", "Бесплатные государственные курсы"),
            ("online", "Онлайн-курстар", "Онлайн-курсы"), ("job", "Жұмыс орнында", "На рабочем месте")],
         ("learn_past_year", ["yes"])),
        ("learn_new_profession", L, 1, "Қажет болса, жаңа мамандық игеруге дайынмын",
         "При необходимости я готов(а) освоить новую профессию", [], N),
        ("learn_move", L, 1, "Жақсы жұмыс үшін басқа қалаға көшуге дайынмын",
         "Готов(а) переехать в другой город ради хорошей работы", [], N),
        ("learn_digital", C, 0, "Цифрлық дағдыларыңызды қалай бағалайсыз?", "Как вы оцениваете свои цифровые навыки?", [], N),
        ("learn_barrier", S, 0, "Оқуға не кедергі?", "Что мешает учиться?", [
            ("time", "Уақыт жоқ", "Нет времени"), ("money", "Қаражат жоқ", "Нет денег"),
            ("offer", "Жақын жерде курс жоқ", "Нет курсов поблизости"), ("need", "Қажеті жоқ", "Нет необходимости")], N),
    ]),
    ("self", "Өзіне сену", "Самостоятельность", [
        ("self_responsible", L, 1, "Өз өмірім үшін өзім жауаптымын", "За свою жизнь отвечаю я сам(а)", [], N),
        ("self_state_provides", L, -1, "Мемлекет әр адамды жұмыспен және тұрғын үймен қамтамасыз етуі керек",
         "Государство должно обеспечить каждого работой и жильём", [], N),
        ("self_benefits", L, -1, "Жәрдемақы алу жұмыс істегеннен тиімдірек", "Получать пособие выгоднее, чем работать", [], N),
        ("self_business", L, 1, "Өз ісімді ашуға дайынмын", "Я готов(а) открыть своё дело", [], N),
        ("self_savings", L, 1, "Болашаққа ақша жинаймын", "Я откладываю деньги на будущее", [], N),
        ("self_hard_times", S, 0, "Жұмыстан айырылсаңыз, алдымен не істейсіз?",
         "Если потеряете работу, что сделаете в первую очередь?", [
            ("search", "Жаңа жұмыс іздеймін", "Буду искать новую работу"),
            ("retrain", "Қайта оқимын", "Пойду переучиваться"),
            ("state", "Жұмыспен қамту орталығына барамын", "Обращусь в центр занятости"),
            ("family", "Туыстардың көмегіне сүйенемін", "Буду рассчитывать на помощь родных"),
            ("business", "Өз ісімді бастаймын", "Начну своё дело")], N),
        ("self_future", C, 1, "Болашағыңызға қаншалық сенімдісіз?", "Насколько вы уверены в своём будущем?", [], N),
    ]),
    ("society", "Қоғам және еңбек", "Общество и труд", [
        ("soc_dynasties", L, 1, "Еңбек әулеттері — елдің мақтанышы", "Трудовые династии — гордость страны", [], N),
        ("soc_respect_workers", L, 1, "Біздің қоғамда жұмысшы мамандық иелерін құрметтейді",
         "В нашем обществе уважают людей рабочих профессий", [], N),
        ("soc_youth_work", L, 1, "Жастар жұмыс істегісі келеді", "Молодёжь хочет работать", [], N),
        ("soc_volunteer", S, 0, "Соңғы жылы еріктілік жұмысына қатыстыңыз ба?",
         "Участвовали ли вы в волонтёрской работе за последний год?", YES_NO, N),
        ("soc_proverb", L, 1, "«Еңбек етсең ерінбей, тояды қарның тіленбей» мақалымен келісемін",
         "Согласен(на) с пословицей «Будешь трудиться без лени — будешь сыт без просьб»", [], N),
        ("soc_media", S, 0, "Еңбек адамы туралы қайдан жиі естисіз?", "Откуда вы чаще всего узнаёте о людях труда?", [
            ("tv", "Теледидар", "Телевидение"), ("social", "Әлеуметтік желілер", "Социальные сети"),
            ("family", "Отбасы мен таныстар", "Семья и знакомые"), ("work", "Жұмыстағы әріптестер", "Коллеги на работе")], N),
        ("soc_country_future", C, 0, "Елдің экономикалық болашағына қаншалық сенесіз?",
         "Насколько вы уверены в экономическом будущем страны?", [], N),
        ("soc_comment", T, 0, "Еңбек туралы не айтқыңыз келеді?", "Что бы вы хотели сказать о труде?", [], N),
    ]),
]  # fmt: skip

COMMENTS = [
    "Еңбек — адамның бақыты.",
    "Жастарға жұмысшы мамандықтарын көбірек насихаттау керек.",
    "Труд должен достойно оплачиваться.",
    "Нужно больше бесплатных курсов в сёлах.",
]
AGE_SHARES = {"18-24": 0.12, "25-34": 0.22, "35-44": 0.2, "45-54": 0.16, "55-64": 0.15, "65+": 0.15}
# Who answers online more often than their share of the population (so that weighting matters).
SAMPLE_BIAS_SEX = {"m": 0.8, "f": 1.2}
SAMPLE_BIAS_AGE = {"18-24": 1.5, "25-34": 1.5, "35-44": 1.1, "45-54": 0.9, "55-64": 0.6, "65+": 0.35}


def wave_create(*, year: int, status: str, opens_on: datetime.date, closes_on: datetime.date) -> Survey:
    """The demo questionnaire as a wave of the given year (titles in both languages)."""
    survey = Survey.objects.create(
        year=year,
        title_kk=f"«Еңбек – елдің мұраты»: құндылықтар сауалнамасы {year}",
        title_ru=f"«Еңбек – елдің мұраты»: опрос ценностных ориентаций {year}",
        intro_kk="Еңбекке, білімге және өз күшіне сенуге көзқарасыңыз туралы 30 сұрақ. Шамамен 10 минут. "
        "Сауалнама анонимді.",
        intro_ru="30 вопросов о вашем отношении к труду, учёбе и самостоятельности. Около 10 минут. Опрос анонимный.",
        opens_on=opens_on,
        closes_on=closes_on,
        status=status,
    )
    by_code = {}
    for s_pos, (_code, s_kk, s_ru, questions) in enumerate(QUESTIONNAIRE, start=1):
        section = Section.objects.create(survey=survey, position=s_pos, title_kk=s_kk, title_ru=s_ru)
        for q_pos, (code, kind, direction, kk, ru, choices, show_if) in enumerate(questions, start=1):
            question = Question.objects.create(
                survey=survey,
                section=section,
                position=q_pos,
                code=code,
                kind=kind,
                text_kk=kk,
                text_ru=ru,
                required=kind != QuestionKind.TEXT,
                index_direction=direction,
            )
            if show_if:
                question.show_if_question = by_code[show_if[0]]
                question.show_if_codes = show_if[1]
                question.save(update_fields=["show_if_question", "show_if_codes"])
            Choice.objects.bulk_create(
                Choice(question=question, code=c, position=i, label_kk=c_kk, label_ru=c_ru)
                for i, (c, c_kk, c_ru) in enumerate(choices)
            )
            by_code[code] = question
    return survey


def _population(ctx: DemoContext, regions: list[Region], year: int) -> None:
    if PopulationCell.objects.filter(year=year).exists():
        return
    rng = ctx.rng("surveys:population")
    cells = []
    for region in regions:
        adults = rng.randint(350, 1600) * 1000
        for sex, sex_share in (("m", 0.48), ("f", 0.52)):
            for age, age_share in AGE_SHARES.items():
                cells.append(
                    PopulationCell(
                        year=year,
                        region=region,
                        sex=sex,
                        age_group=age,
                        population=round(adults * sex_share * age_share * rng.uniform(0.9, 1.1)),
                        is_demo=True,
                        source="Demo figures (not official statistics)",
                    )
                )
    PopulationCell.objects.bulk_create(cells)


class _Simulator:
    """Plausible answers: a latent attitude by age, education and region, plus noise; a small yearly shift."""

    def __init__(self, rng, regions, survey, shift):
        self.rng = rng
        self.shift = shift
        self.region_bias = {r.pk: rng.uniform(-0.3, 0.3) for r in regions}
        self.questions = list(
            survey.questions.prefetch_related("choices").order_by("section__position", "position")
        )
        self.choices = {q.pk: list(q.choices.all()) for q in self.questions}
        cells = list(
            PopulationCell.objects.filter(year=survey.year - (0 if shift == 0 else 1)).values_list(
                "region_id", "sex", "age_group", "population"
            )
        ) or list(PopulationCell.objects.values_list("region_id", "sex", "age_group", "population"))
        self.cells = [(r, s, a) for r, s, a, _p in cells]
        weights = [p * SAMPLE_BIAS_SEX[s] * SAMPLE_BIAS_AGE[a] for _r, s, a, p in cells]
        total = sum(weights)
        self.cumulative = []
        running = 0.0
        for w in weights:
            running += w / total
            self.cumulative.append(running)

    def person(self):
        import bisect

        r = self.rng.random()
        region_id, sex, age = self.cells[min(bisect.bisect_left(self.cumulative, r), len(self.cells) - 1)]
        education = self.rng.choices(Education.values, weights=[3, 4, 4])[0]
        employment = (
            Employment.RETIRED if age == "65+" and self.rng.random() < 0.8
            else Employment.STUDENT if age == "18-24" and self.rng.random() < 0.5
            else self.rng.choices(Employment.values, weights=[50, 15, 8, 5, 4, 8])[0]
        )  # fmt: skip
        settlement = Settlement.URBAN if self.rng.random() < 0.62 else Settlement.RURAL
        age_index = AgeGroup.values.index(age)
        attitude = (
            0.15 * age_index + (0.3 if education == Education.HIGHER else 0.0) + self.region_bias[region_id]
            + self.shift + self.rng.gauss(0, 0.8) - 0.4
        )  # fmt: skip
        return (region_id, sex, age, education, employment, settlement), attitude

    def answers(self, attitude):
        """[(question, choice or None, number or None, text)] of one respondent."""
        rng, rows, given = self.rng, [], {}
        for q in self.questions:
            if q.show_if_question_id and given.get(q.show_if_question_id) not in q.show_if_codes:
                continue
            if q.kind == QuestionKind.LIKERT:
                lean = attitude if q.index_direction >= 0 else -attitude
                value = max(1, min(5, round(3.4 + 0.9 * lean + rng.gauss(0, 0.9))))
                rows.append((q, None, value, ""))
            elif q.kind == QuestionKind.SCALE:
                value = max(0, min(10, round(6 + 1.6 * attitude + rng.gauss(0, 1.8))))
                rows.append((q, None, value, ""))
            elif q.kind == QuestionKind.SINGLE:
                options = self.choices[q.pk]
                if len(options) == 2:
                    chosen = (
                        options[0] if rng.random() < 1 / (1 + math.exp(-(attitude - 0.3))) else options[1]
                    )
                else:
                    weights = [
                        1 + (attitude if i % 2 == 0 else -attitude) * 0.3 + 0.2 * i
                        for i in range(len(options))
                    ]
                    chosen = rng.choices(options, weights=[max(0.1, w) for w in weights])[0]
                given[q.pk] = chosen.code
                rows.append((q, chosen, None, ""))
            elif q.kind == QuestionKind.MULTIPLE:
                options = self.choices[q.pk]
                ticked = [c for c in options if rng.random() < 0.4] or [rng.choice(options)]
                rows.extend((q, c, None, "") for c in ticked)
            elif q.kind == QuestionKind.TEXT and rng.random() < 0.03:
                rows.append((q, None, None, rng.choice(COMMENTS)))
        return rows


def _responses(ctx: DemoContext, survey: Survey, regions, *, wanted: int, shift: float) -> int:
    have = Response.objects.filter(survey=survey).count()
    missing = wanted - have
    if missing <= 0:
        if have and not CellCount.objects.filter(survey=survey).exists():
            services.cell_counts_rebuild(survey=survey)
        return 0
    rng = ctx.rng(f"surveys:responses:{survey.year}:{have}")
    simulator = _Simulator(rng, regions, survey, shift)
    days = max(1, (min(survey.closes_on, ctx.today) - survey.opens_on).days + 1)
    write = _copy_rows if connection.vendor == "postgresql" else _orm_rows
    done = 0
    while done < missing:
        chunk = min(20_000, missing - done)
        people = []
        for _ in range(chunk):
            demography, attitude = simulator.person()
            day = survey.opens_on + datetime.timedelta(days=rng.randrange(days))
            people.append((demography, day, simulator.answers(attitude)))
        with transaction.atomic():
            write(survey, people)
        done += chunk
        ctx.report(f"survey {survey.year} responses", done, missing)
    services.cell_counts_rebuild(survey=survey)  # the bulk load bypassed response_submit's counting
    return missing


def _orm_rows(survey: Survey, people) -> None:
    for (region_id, sex, age, education, employment, settlement), day, answers in people:
        response = Response.objects.create(
            survey=survey, submitted_on=day, region_id=region_id, sex=sex, age_group=age,
            education=education, employment=employment, settlement=settlement,
        )  # fmt: skip
        Answer.objects.bulk_create(
            Answer(
                response=response,
                question=q,
                choice=c,
                number=n,
                text=t,
                text_review=TextReview.APPROVED if t else "",
                survey=survey,
                region_id=region_id,
                sex=sex,
                age_group=age,
            )  # fmt: skip
            for q, c, n, t in answers
        )
        Participation.objects.create(
            survey=survey, token_hash=tokens.token_hash(survey.pk, secrets.token_hex(12))
        )


def _copy_rows(survey: Survey, people) -> None:
    """COPY responses, answers and participations with ids taken from the tables' sequences."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('surveys_response', 'id')) FROM generate_series(1, %s)",
            [len(people)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        responses, answers, participations = io.StringIO(), io.StringIO(), io.StringIO()
        for pk, ((region_id, sex, age, education, employment, settlement), day, given) in zip(
            ids, people, strict=True
        ):
            responses.write(
                f"{pk}\t{survey.pk}\t{day.isoformat()}\t{region_id}\t{sex}\t{age}\t{education}\t{employment}\t{settlement}\n"
            )
            for q, c, n, t in given:
                text = t.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
                review = TextReview.APPROVED if t else ""
                answers.write(
                    f"{pk}\t{q.pk}\t{c.pk if c else NULL}\t{n if n is not None else NULL}\t{text}\t{review}\t"
                    f"{survey.pk}\t{region_id}\t{sex}\t{age}\n"
                )
            participations.write(f"{survey.pk}\t{tokens.token_hash(survey.pk, secrets.token_hex(12))}\n")
        raw = cursor.cursor
        for table, columns, buffer in (
            ("surveys_response", "id, survey_id, submitted_on, region_id, sex, age_group, education, employment, settlement", responses),
            ("surveys_answer", "response_id, question_id, choice_id, number, text, text_review, survey_id, region_id, sex, age_group", answers),
            ("surveys_participation", "survey_id, token_hash", participations),
        ):  # fmt: skip
            buffer.seek(0)
            raw.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


def seed(ctx: DemoContext) -> dict[str, int]:
    regions = list(Region.objects.order_by("code"))
    if not regions:
        return {}
    last_year, this_year = ctx.today.year - 1, ctx.today.year
    _population(ctx, regions, last_year)
    past_wanted, current_wanted = RESPONSES["large" if ctx.large else "small"]
    past_wanted = ctx.overrides.get("surveys", past_wanted)
    past = Survey.objects.filter(year=last_year).first()
    if past is None:
        past = wave_create(
            year=last_year,
            status=SurveyStatus.PUBLISHED,
            opens_on=datetime.date(last_year, 9, 1),
            closes_on=datetime.date(last_year, 11, 30),
        )
        ctx.count_added("survey waves", 1)
    current = Survey.objects.filter(year=this_year).first()
    if current is None:
        current = services.survey_clone(source=past, year=this_year)
        current.status = SurveyStatus.OPEN
        current.opens_on = ctx.today - datetime.timedelta(days=20)
        current.closes_on = ctx.today + datetime.timedelta(days=60)
        current.save(update_fields=["status", "opens_on", "closes_on"])
        services.invitation_batch_create(
            survey=current, label="Интервьюер 1 / Интервьюер 1 (Алматы)", size=40
        )
        ctx.count_added("survey waves", 1)
    ctx.count_added("survey responses", _responses(ctx, past, regions, wanted=past_wanted, shift=0.0))
    ctx.count_added("survey responses", _responses(ctx, current, regions, wanted=current_wanted, shift=0.1))
    return {
        "survey waves": Survey.objects.count(),
        "survey responses": Response.objects.count(),
        "population cells (demo)": PopulationCell.objects.filter(is_demo=True).count(),
    }
