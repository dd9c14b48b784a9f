"""Latin spellings of Kazakh and Russian names, so that «Otepov» finds «Өтепов».

People type a family name in Latin letters for many reasons (a phone without a Kazakh keyboard, a
name they know from a passport or from the new Kazakh alphabet). There is no single spelling:
«Жұмабеков» is «Jumabekov» in the 2021 Kazakh Latin alphabet and «Zhumabekov» in a passport;
«Ермеков» is «Ermekov» or «Yermekov»; «Өтепов» is «Ötepov», typed «Otepov» without the dots.

So a name is stored in each common spelling, all reduced to plain a–z (fold_latin), and what a
visitor types is reduced the same way before it is searched: «Ötepov», «Otepov» and «OTEPOV» all
become «otepov». The work is done once, when the text is saved; a search only folds its own words.
"""

import re
import unicodedata

# The Kazakh Latin alphabet of 2021 (Presidential decree, revised letters with diacritics).
KAZAKH_2021 = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ç",
    "ш": "ş",
    "щ": "ş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# Passports and ID cards of Kazakhstan (ICAO Doc 9303 for the Russian letters; Kazakh letters lose
# their marks): «Zhumabekov», «Baimukhamedov», «Shaimerdenov».
PASSPORT = {
    **{letter: latin for letter, latin in KAZAKH_2021.items() if letter in "абвгдезиклмнопрстуфэ"},
    "ә": "a",
    "ғ": "g",
    "ё": "e",
    "ж": "zh",
    "й": "i",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "ю": "iu",
    "я": "ia",
}

# The everyday English-style romanisation of Russian names (BGN/PCGN-like): «Yermekov»,
# «Baymukhamedov», «Yusupov», «Shaymerdenov».
EVERYDAY = {**PASSPORT, "й": "y", "ё": "yo", "ю": "yu", "я": "ya"}
_VOWELS = set("аәеёиоөуұүыіэюя")


def _romanise(word: str, table: dict[str, str], *, ye: bool = False) -> str:
    out = []
    previous = ""
    for letter in word:
        if ye and letter == "е" and (not previous or previous in _VOWELS or previous in "ъь"):
            out.append("ye")  # «Ермеков» → «Yermekov», «Гүлнәзия» unaffected
        else:
            out.append(table.get(letter, letter))
        previous = letter
    return "".join(out)


def fold_latin(text: str) -> str:
    """Lower-case, with the marks of Latin letters removed («Ötepov» → «otepov»); Cyrillic untouched.

    Marks are dropped only after a Latin letter: «й» and «ё» decompose too and must stay as they are.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(char) and out and "a" <= out[-1] <= "z":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)).replace("ı", "i")


_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+")


def latin_variants(text: str) -> list[str]:
    """Every common Latin spelling of the Cyrillic words of `text`, folded to a–z, each once.

    latin_variants("Ермеков") == ["ermekov", "yermekov"]; words already in Latin are left out (the
    stored text has them as they are).
    """
    seen: dict[str, None] = {}
    for word in _CYRILLIC_WORD.findall((text or "").lower()):
        for spelling in (
            fold_latin(_romanise(word, KAZAKH_2021)),
            _romanise(word, PASSPORT),
            _romanise(word, EVERYDAY, ye=True),
        ):
            seen.setdefault(spelling, None)
    return list(seen)
