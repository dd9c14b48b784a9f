"""Kazakh and Russian personal and family names, and the grammar needed to use them in both languages."""

import random
from dataclasses import dataclass

# Surnames of Kazakh families, in Kazakh spelling; the Russian spelling is derived (Жұмабеков →
# Жумабеков) unless given, as passports of the Soviet years often spelled them differently.
KAZAKH_SURNAMES: list[tuple[str, str | None]] = [
    ("Жұмабеков", None),
    ("Нұрланов", None),
    ("Сейітов", "Сеитов"),
    ("Әбдірахманов", "Абдрахманов"),
    ("Қасымов", None),
    ("Төлегенов", None),
    ("Оспанов", None),
    ("Ахметов", None),
    ("Бекмағамбетов", None),
    ("Сәрсенбаев", None),
    ("Мұқанов", None),
    ("Ержанов", None),
    ("Тоқтаров", None),
    ("Иманғалиев", None),
    ("Байжанов", None),
    ("Дүйсенов", None),
    ("Есенов", None),
    ("Құдайбергенов", None),
    ("Әлімжанов", None),
    ("Омаров", None),
    ("Жақсылықов", None),
    ("Серікбаев", None),
    ("Тұрсынов", None),
    ("Рахымжанов", None),
    ("Шәкенов", None),
    ("Қуанышев", None),
    ("Мұратбеков", None),
    ("Абдуллаев", None),
    ("Исабеков", None),
    ("Жексенбаев", None),
    ("Кенжебаев", None),
    ("Алтынбеков", None),
    ("Ғабдуллин", None),
    ("Сыздықов", None),
    ("Тәжібаев", "Тажибаев"),
    ("Қалиев", None),
    ("Мырзахметов", None),
    ("Ыбыраев", None),
    ("Үсенов", None),
    ("Өтепов", None),
    ("Шаймерденов", None),
    ("Елеусізов", "Елеусизов"),
    ("Бейсенов", None),
    ("Жолдасбеков", None),
    ("Қожахметов", None),
    ("Сұлтанов", None),
    ("Тілеубаев", "Тлеубаев"),
    ("Балтабаев", None),
    ("Досымов", None),
    ("Мәуленов", None),
    ("Нұрғалиев", None),
    ("Аманжолов", None),
    ("Бердіқұлов", "Бердикулов"),
    ("Ермеков", None),
    ("Сағындықов", None),
    ("Қайыржанов", None),
]

# Surnames of the Russian, Ukrainian, Korean, German and Tatar families of Kazakhstan.
OTHER_SURNAMES: list[str] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Захаров",
    "Зайцев",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Сергеев",
    "Шевченко",
    "Бондаренко",
    "Коваленко",
    "Ткаченко",
    "Ким",
    "Пак",
    "Цой",
    "Шмидт",
    "Вебер",
    "Келлер",
    "Сафин",
    "Хабибуллин",
    "Валиев",
    "Юсупов",
]

KAZAKH_MALE = [
    "Серік",
    "Қайрат",
    "Бауыржан",
    "Ерлан",
    "Нұрлан",
    "Асқар",
    "Мұрат",
    "Дәурен",
    "Ержан",
    "Талғат",
    "Болат",
    "Жанат",
    "Арман",
    "Ертай",
    "Бекзат",
    "Дархан",
    "Ерболат",
    "Қанат",
    "Мақсат",
    "Нұржан",
    "Олжас",
    "Санжар",
    "Әділет",
    "Жандос",
    "Төлеген",
    "Жұмабай",
    "Оспан",
    "Сәрсен",
    "Мұқан",
    "Есен",
    "Тоқтар",
    "Байжан",
    "Дүйсен",
    "Бейсен",
    "Досым",
    "Ыбырай",
    "Үсен",
    "Кенжебай",
    "Жексен",
    "Аманжол",
    "Ахмет",
    "Омар",
]
KAZAKH_FEMALE = [
    "Айгүл",
    "Гүлнар",
    "Сәуле",
    "Дина",
    "Жанар",
    "Әйгерім",
    "Меруерт",
    "Ақмарал",
    "Гүлжан",
    "Баян",
    "Күлпаш",
    "Ұлжан",
    "Зәуре",
    "Роза",
    "Майра",
    "Салтанат",
    "Әсел",
    "Жібек",
    "Толқын",
    "Ақбота",
    "Данагүл",
    "Назерке",
    "Аружан",
    "Інжу",
]
# (name, patronymic of a son, patronymic of a daughter)
RUSSIAN_MALE: list[tuple[str, str, str]] = [
    ("Иван", "Иванович", "Ивановна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Александр", "Александрович", "Александровна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Василий", "Васильевич", "Васильевна"),
    ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Павел", "Павлович", "Павловна"),
    ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Григорий", "Григорьевич", "Григорьевна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Константин", "Константинович", "Константиновна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Максим", "Максимович", "Максимовна"),
    ("Денис", "Денисович", "Денисовна"),
]
RUSSIAN_FEMALE = [
    "Мария",
    "Анна",
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Галина",
    "Валентина",
    "Нина",
    "Людмила",
    "Светлана",
    "Ирина",
    "Екатерина",
    "Анастасия",
    "Юлия",
    "Дарья",
    "Ксения",
    "Алина",
    "Вера",
    "Надежда",
]

_KK_TO_RU = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "Ә": "А",
        "Ғ": "Г",
        "Қ": "К",
        "Ң": "Н",
        "Ө": "О",
        "Ұ": "У",
        "Ү": "У",
        "Һ": "Х",
        "І": "И",
    }
)
_BACK_VOWELS = set("аоұыуяёю")
_FRONT_VOWELS = set("әеөүіиэ")
_VOWELS = _BACK_VOWELS | _FRONT_VOWELS
_RUSSIFIED_ENDINGS = ("ов", "ев", "ёв", "ин", "ын")


def kk_to_ru(text: str) -> str:
    """Russian spelling of a Kazakh name: the letters Russian lacks become their nearest ones."""
    return text.translate(_KK_TO_RU)


def kazakh_plural(word: str) -> str:
    """The Kazakh plural (Жұмабеков → Жұмабековтер, Ким → Кимдер, Шевченко → Шевченколар).

    Vowel harmony follows the root: a Russian-style ending (-ов, -ев, -ин) does not set it, as in
    the usual «Жұмабековтер әулеті».
    """
    lower = word.lower()
    root = lower[:-2] if lower.endswith(_RUSSIFIED_ENDINGS) and len(lower) > 4 else lower
    last_vowel = next((ch for ch in reversed(root) if ch in _VOWELS), "а")
    front = last_vowel in _FRONT_VOWELS
    last = lower[-1]
    if last in _VOWELS or last in "рй":
        consonant = "л"
    elif last in "лмнңзж":
        consonant = "д"
    else:
        consonant = "т"
    return word + consonant + ("ер" if front else "ар")


def russian_family_plural(surname: str) -> str:
    """Genitive plural for «Династия …»: Жумабеков → Жумабековых; Шевченко and Ким do not decline."""
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "ых"
    if surname.endswith("ский"):
        return surname[:-2] + "их"
    return surname


def feminine_surname(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    return surname


def russian_plural(number: int, one: str, few: str, many: str) -> str:
    """«1 год», «3 года», «5 лет»: the Russian noun form after a number."""
    n = abs(number) % 100
    if 11 <= n <= 14:
        return many
    n %= 10
    if n == 1:
        return one
    if 2 <= n <= 4:
        return few
    return many


@dataclass(frozen=True)
class Family:
    surname_kk: str
    surname_ru: str
    kazakh: bool

    @property
    def family_name_kk(self) -> str:
        return f"{kazakh_plural(self.surname_kk)} әулеті"

    @property
    def family_name_ru(self) -> str:
        return f"Династия {russian_family_plural(self.surname_ru)}"

    @property
    def initial(self) -> str:
        return self.surname_kk[0]


def pick_family(rng: random.Random) -> Family:
    # Roughly the make-up of the country's labour dynasties: most are Kazakh families.
    if rng.random() < 0.72:
        surname_kk, surname_ru = rng.choice(KAZAKH_SURNAMES)
        return Family(surname_kk=surname_kk, surname_ru=surname_ru or kk_to_ru(surname_kk), kazakh=True)
    surname = rng.choice(OTHER_SURNAMES)
    return Family(surname_kk=surname, surname_ru=surname, kazakh=False)


@dataclass(frozen=True)
class Person:
    first_name: str
    full_name: str
    male: bool


def person_name(rng: random.Random, family: Family, *, male: bool, father: str | None) -> Person:
    """A member's full name as the family writes it: Kazakh names in Kazakh, the others in Russian."""
    surname = family.surname_kk if family.kazakh else family.surname_ru
    surname = surname if male else feminine_surname(surname)
    if family.kazakh:
        first = rng.choice(KAZAKH_MALE if male else KAZAKH_FEMALE)
        father = father or rng.choice(KAZAKH_MALE)
        patronymic = father + ("ұлы" if male else "қызы")
        return Person(first, f"{first} {patronymic} {surname}", male)
    first = rng.choice(RUSSIAN_MALE)[0] if male else rng.choice(RUSSIAN_FEMALE)
    father_entry = next((m for m in RUSSIAN_MALE if m[0] == father), None) or rng.choice(RUSSIAN_MALE)
    patronymic = father_entry[1] if male else father_entry[2]
    return Person(first, f"{first} {patronymic} {surname}", male)


def staff_name(rng: random.Random) -> str:
    """A name for an author of a post, a jury member and the like."""
    return person_name(rng, pick_family(rng), male=rng.random() < 0.5, father=None).full_name
