"""Text helpers of the core: Latin transliteration for slugs and folding for bilingual search."""

import re

# Latin transliteration for slugs, so that a Kazakh or Russian name gives a readable URL.
_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "ә": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ғ": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "қ": "q",
        "л": "l",
        "м": "m",
        "н": "n",
        "ң": "n",
        "о": "o",
        "ө": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ұ": "u",
        "ү": "u",
        "ф": "f",
        "х": "h",
        "һ": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "і": "i",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)


def transliterate(text: str) -> str:
    """Lower-cased Latin letters for a Kazakh or Russian text (slugs, file names)."""
    return (text or "").lower().translate(_TRANSLIT)


# People often type Kazakh without its own letters (on a Russian keyboard) and Russian with е for ё.
_FOLD = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е"}
)
_SPACES = re.compile(r"[\s\-‐–—_.,;:«»\"'()/]+")


def fold_for_search(text: str) -> str:
    """Lower case, Kazakh letters to their Russian-keyboard look-alikes, ё to е, punctuation to spaces.

    "Дәнекерлеуші" and "данекерлеуши" fold alike, so a search matches whichever way it was typed.
    static/js/profession-picker.js folds the same way in the browser.
    """
    return _SPACES.sub(" ", (text or "").lower().translate(_FOLD)).strip()
