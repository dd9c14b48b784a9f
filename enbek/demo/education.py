"""Education providers of the demo (colleges, universities, training centres) and their programmes.

Core data: the organisations and TrainingProgramme rows link to the classifier's professions, so the
profession pages can say where to learn each one. Keyed on BIN and (organisation, profession).
"""

from dataclasses import dataclass

from enbek.enums import OrganizationKind, StudyForm
from enbek.models import Organization, Profession, Region, TrainingProgramme
from enbek.services import organization_create

from .content import STREETS
from .core import valid_bin

# The BINs of the education providers are drawn from indexes the sphere organisations never reach.
BIN_OFFSET = 1000


@dataclass(frozen=True)
class Programme:
    code: str  # the profession's
    title_kk: str
    title_ru: str
    months: int
    form: str


@dataclass(frozen=True)
class Provider:
    region_code: str
    kind: str
    name_kk: str
    name_ru: str
    programmes: tuple[Programme, ...]


FULL, PART, EVENING, DUAL, DISTANCE = (
    StudyForm.FULL_TIME,
    StudyForm.PART_TIME,
    StudyForm.EVENING,
    StudyForm.DUAL,
    StudyForm.DISTANCE,
)

PROVIDERS: list[Provider] = [
    Provider(
        "75",
        OrganizationKind.COLLEGE,
        "Алматы политехникалық колледжі",
        "Алматинский политехнический колледж",
        (
            Programme("7212-01", "Дәнекерлеу ісі", "Сварочное дело", 34, DUAL),
            Programme(
                "7411-01",
                "Электр жабдығын пайдалану және жөндеу",
                "Эксплуатация и ремонт электрооборудования",
                34,
                FULL,
            ),
            Programme(
                "7223-03",
                "Бағдарламалық басқарылатын станоктарда металл өңдеу",
                "Обработка металлов на станках с ЧПУ",
                22,
                FULL,
            ),
            Programme(
                "7231-01",
                "Автомобиль көлігіне техникалық қызмет көрсету және жөндеу",
                "Техническое обслуживание и ремонт автомобильного транспорта",
                34,
                FULL,
            ),
        ),
    ),
    Provider(
        "35",
        OrganizationKind.COLLEGE,
        "Қарағанды тау-кен техникалық колледжі",
        "Карагандинский горно-технический колледж",
        (
            Programme(
                "8111-01",
                "Пайдалы қазбалар кен орындарын жерасты әдісімен игеру",
                "Подземная разработка месторождений полезных ископаемых",
                34,
                DUAL,
            ),
            Programme("8342-01", "Тау-кен машиналарының машинисі", "Машинист горных машин", 22, FULL),
            Programme(
                "7233-01",
                "Өнеркәсіптік жабдықты техникалық пайдалану",
                "Техническая эксплуатация промышленного оборудования",
                34,
                FULL,
            ),
            Programme("8121-01", "Қара металдар металлургиясы", "Металлургия чёрных металлов", 34, DUAL),
        ),
    ),
    Provider(
        "23",
        OrganizationKind.COLLEGE,
        "Атырау мұнай-газ колледжі",
        "Атырауский нефтегазовый колледж",
        (
            Programme(
                "8113-01",
                "Мұнай және газ ұңғымаларын бұрғылау",
                "Бурение нефтяных и газовых скважин",
                34,
                DUAL,
            ),
            Programme(
                "8113-02",
                "Мұнай және газ кен орындарын пайдалану",
                "Эксплуатация нефтяных и газовых месторождений",
                34,
                FULL,
            ),
            Programme("3134-01", "Мұнай мен газды қайта өңдеу", "Переработка нефти и газа", 34, FULL),
        ),
    ),
    Provider(
        "71",
        OrganizationKind.COLLEGE,
        "Астана медициналық колледжі",
        "Медицинский колледж Астаны",
        (
            Programme("3221-01", "Мейірбике ісі", "Сестринское дело", 34, FULL),
            Programme("2240-01", "Емдеу ісі", "Лечебное дело", 46, FULL),
            Programme("3213-01", "Фармация", "Фармация", 34, FULL),
        ),
    ),
    Provider(
        "79",
        OrganizationKind.COLLEGE,
        "Шымкент сервис және тамақтандыру колледжі",
        "Шымкентский колледж сервиса и питания",
        (
            Programme("5120-01", "Тамақтандыруды ұйымдастыру", "Организация питания", 34, FULL),
            Programme(
                "7512-01",
                "Нан пісіру және кондитерлік өндіріс",
                "Хлебопекарное и кондитерское производство",
                22,
                FULL,
            ),
            Programme(
                "7533-01",
                "Тігін өндірісі және киім үлгілеу",
                "Швейное производство и моделирование одежды",
                34,
                FULL,
            ),
            Programme("5141-01", "Шаштараз өнері", "Парикмахерское искусство", 22, FULL),
        ),
    ),
    Provider(
        "75",
        OrganizationKind.UNIVERSITY,
        "Алматы инженерлік-техникалық университеті",
        "Алматинский инженерно-технический университет",
        (
            Programme("2142-01", "Құрылыс", "Строительство", 48, FULL),
            Programme("2151-01", "Электр энергетикасы", "Электроэнергетика", 48, FULL),
            Programme("2512-01", "Бағдарламалық инженерия", "Программная инженерия", 48, FULL),
            Programme("2146-03", "Мұнай-газ ісі", "Нефтегазовое дело", 48, FULL),
        ),
    ),
    Provider(
        "71",
        OrganizationKind.UNIVERSITY,
        "Астана педагогикалық университеті",
        "Астанинский педагогический университет",
        (
            Programme(
                "2341-01",
                "Бастауыш оқытудың педагогикасы мен әдістемесі",
                "Педагогика и методика начального обучения",
                48,
                FULL,
            ),
            Programme(
                "2330-01", "Математика мұғалімдерін даярлау", "Подготовка учителей математики", 48, FULL
            ),
            Programme("2635-01", "Әлеуметтік жұмыс", "Социальная работа", 48, PART),
        ),
    ),
    Provider(
        "75",
        OrganizationKind.TRAINING_CENTRE,
        "Алматы кәсіптік даярлау және қайта даярлау орталығы",
        "Алматинский центр профессиональной подготовки и переподготовки",
        (
            Programme(
                "7212-01", "Электрмен дәнекерлеуші: қысқа курс", "Электросварщик: краткий курс", 3, EVENING
            ),
            Programme("5321-01", "Науқастарды күту негіздері", "Основы ухода за больными", 2, FULL),
            Programme(
                "2512-01",
                "Ересектерге арналған бағдарламалау негіздері",
                "Основы программирования для взрослых",
                6,
                DISTANCE,
            ),
            Programme(
                "8332-01",
                "C және CE санатты жүргізушілерді даярлау",
                "Подготовка водителей категорий C и CE",
                3,
                FULL,
            ),
        ),
    ),
    Provider(
        "35",
        OrganizationKind.TRAINING_CENTRE,
        "Қарағанды қайта даярлау орталығы",
        "Карагандинский центр переподготовки",
        (
            Programme(
                "7413-01",
                "Электр беру желілерінің электр монтері",
                "Электромонтёр линий электропередачи",
                4,
                EVENING,
            ),
            Programme("5322-01", "Үйде әлеуметтік күтім көрсету", "Социальный уход на дому", 1, FULL),
            Programme("8341-01", "Тракторшы-машинист", "Тракторист-машинист", 4, FULL),
        ),
    ),
]


def ensure_education(*, first_index: int = BIN_OFFSET) -> tuple[list[Organization], int]:
    """The providers and their programmes; returns the providers and how many programmes were new."""
    regions = {region.code: region for region in Region.objects.all()}
    bins = [valid_bin(first_index + k) for k in range(len(PROVIDERS))]
    existing = {org.bin: org for org in Organization.objects.select_related("region").filter(bin__in=bins)}
    professions = {
        p.code: p
        for p in Profession.objects.filter(code__in={g.code for pr in PROVIDERS for g in pr.programmes})
    }
    organizations, added = [], 0
    for k, (provider, bin_) in enumerate(zip(PROVIDERS, bins, strict=True)):
        organization = existing.get(bin_)
        if organization is None:
            region = regions[provider.region_code]
            street_kk, street_ru = STREETS[(k * 3) % len(STREETS)]
            organization = organization_create(
                name_kk=provider.name_kk,
                name_ru=provider.name_ru,
                bin=bin_,
                region=region,
                kind=provider.kind,
                address_kk=f"{region.center_kk} қ., {street_kk}, {10 + k * 7}",
                address_ru=f"г. {region.center_ru}, {street_ru}, {10 + k * 7}",
                phone=f"+77{(200_000_000 + k * 6_151_117) % 1_000_000_000:09d}",
                website=f"https://example.com/edu/{bin_}",
                is_verified=True,
            )
        for programme in provider.programmes:
            profession = professions.get(programme.code)
            if profession is None:  # a code the classifier no longer has: nothing to link
                continue
            _row, created = TrainingProgramme.objects.update_or_create(
                organization=organization,
                profession=profession,
                defaults={
                    "title": programme.title_kk,
                    "title_kk": programme.title_kk,
                    "title_ru": programme.title_ru,
                    "url": f"https://example.com/edu/{bin_}/{programme.code}",
                    "duration_months": programme.months,
                    "study_form": programme.form,
                    "is_active": True,
                },
            )
            added += created
        organizations.append(organization)
    return organizations, added
