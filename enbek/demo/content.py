"""Bilingual vocabulary shared by the demo seeders: organisations by sphere and street names.

Names are built so that a city always stands in the nominative, in both languages: no case endings
are ever glued to generated words. Each section keeps its own vocabulary next to its demo.
"""

# Organisations by sphere: (kk, ru, kind); {c_kk}/{c_ru} is the regional centre, {n} a number.
ORGANIZATION_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "metallurgy": ("«{c_kk}» металлургия комбинаты", "Металлургический комбинат «{c_ru}»", "enterprise"),
    "mining": ("«{c_kk}» кен байыту комбинаты", "Горно-обогатительный комбинат «{c_ru}»", "enterprise"),
    "oil-and-gas": (
        "«{c_kk}» мұнай-газ өндіру басқармасы",
        "Нефтегазодобывающее управление «{c_ru}»",
        "enterprise",
    ),
    "agriculture": ("«{c_kk}» агрофирмасы", "Агрофирма «{c_ru}»", "enterprise"),
    "railway": ("«{c_kk}» локомотив депосы", "Локомотивное депо «{c_ru}»", "enterprise"),
    "construction": ("«{c_kk}» құрылыс тресі", "Строительный трест «{c_ru}»", "enterprise"),
    "energy": ("«{c_kk}» жылу электр орталығы", "Теплоэлектроцентраль «{c_ru}»", "enterprise"),
    "machine-building": ("«{c_kk}» машина жасау зауыты", "Машиностроительный завод «{c_ru}»", "enterprise"),
    "education": (
        "{c_kk} қаласының № {n} мектеп-гимназиясы",
        "Школа-гимназия № {n} города {c_ru}",
        "institution",
    ),
    "healthcare": (
        "{c_kk} қалалық № {n} ауруханасы",
        "Городская больница № {n} города {c_ru}",
        "institution",
    ),
    "culture": ("«{c_kk}» мәдениет үйі", "Дом культуры «{c_ru}»", "institution"),
    "transport": ("«{c_kk}» автобус паркі", "Автобусный парк «{c_ru}»", "enterprise"),
    "public-service": ("{c_kk} қаласының әкімдігі", "Акимат города {c_ru}", "agency"),
    "trade-and-services": ("«{c_kk}» сауда үйі", "Торговый дом «{c_ru}»", "enterprise"),
    "science": (
        "«{c_kk}» ғылыми-зерттеу институты",
        "Научно-исследовательский институт «{c_ru}»",
        "institution",
    ),
    "communications": ("«{c_kk}» телекоммуникация орталығы", "Центр телекоммуникаций «{c_ru}»", "enterprise"),
    "light-industry": ("«{c_kk}» тігін фабрикасы", "Швейная фабрика «{c_ru}»", "enterprise"),
}

STREETS: list[tuple[str, str]] = [
    ("Абай даңғылы", "пр. Абая"),
    ("Тәуелсіздік көшесі", "ул. Тауелсиздик"),
    ("Бейбітшілік көшесі", "ул. Бейбитшилик"),
    ("Достық даңғылы", "пр. Достык"),
    ("Сейфуллин көшесі", "ул. Сейфуллина"),
    ("Наурыз көшесі", "ул. Наурыз"),
    ("Жібек жолы көшесі", "ул. Жибек жолы"),
    ("Өндіріс көшесі", "ул. Ондирис"),
]
