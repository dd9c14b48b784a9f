"""Render the portal as people meet it, in Kazakh and in Russian, and find English (or, on a Russian
page, Kazakh) left in what they see. Used by tests/enbek/test_i18n.py.

English is recognised by words (common English function and interface words), not by the Latin
script: brand names (WhatsApp, YouTube, «Я-профи»), codes (KZ-75, API) and data (slugs, e-mail
addresses, links) are Latin too and are fine.
"""

import re
from html.parser import HTMLParser

from django.contrib import admin
from django.urls import reverse

# Common English words of interfaces and sentences. A Latin word of a page that is one of these,
# in any case, is English left untranslated.
ENGLISH_WORDS = frozenset(
    """
    a about above access account action actions active add added address after again ago all allowed
    already also an and another any app application applications apps are as at attempt attempts
    authentication authorization auto available back be been before below between both breadcrumbs but
    by calendar can cancel cannot change changed changes character characters check choose chosen clear
    click close common confirm content continue could count counts create created currently dark data
    date dates day days default delete deleted description designates did didn didnt do does
    documentation done down each edit either email empty ensure enter entered entirely error errors
    every expiration failed failure failures false field fields file files filter find first for forgot
    form from full go greater group groups has have help here hide history home hour hours how if
    important in incorrectly info information into invalid is it item items its joined just last least
    less light list log logged login logout logs lookup main make many match may midnight minute minutes
    model models month months more most must my name navigation need new next no none noon not note
    nothing now null number numeric object objects of old on one only or order other our out page
    password passwords past per permission permissions personal please possible previous raw recent
    remove removed required reset result results save saved search second seconds see select selected
    server session sessions set should show showing sign similar site so some sorry staff start status
    stored submit successfully such superuser sure than that the their them then there these this those
    through time to today toggle too total treated true try type types typing unknown up update upload
    use user username users valid value view want was way we week welcome were what when whether which
    while who whole why will with without would year years yes yesterday you your january february march
    april june july august september october november december monday tuesday wednesday thursday friday
    saturday sunday
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_SLUG = re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")
# Stable dotted codes stored in the data (indicator codes such as "plan.items"), shown to staff as keys.
_DOTTED_CODE = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Kazakh words of interfaces and sentences: on a Russian page they are a message that fell back to
# Kazakh (Django falls back to LANGUAGE_CODE when a Russian catalogue lacks it). Names of people,
# families and places are Kazakh on Russian pages too, and are not in this list.
KAZAKH_WORDS = frozenset(
    """
    және үшін кейін болады болды болуы қайта сіз сізді сіздің сізге жоқ туралы қосу қосылды өзгерту
    өзгертілді жою жойылды сақтау сақталды іздеу барлық енгізіңіз таңдаңыз құпиясөз құпиясөзі қате
    өріс өрісті міндетті тым тексеру тексеруге жіберу кіру шығу тіркелу басты әрекет әрекеттер қарау
    сайтты соңғы уақыт бүгін қазір жазба жазбалар пайдаланушы пайдаланушылар топ топтар рұқсат
    рұқсаттар мәзір кезек күтуде жарияланды жариялау қайтару мекенжай электрондық пошта жасалды
    жасалмаған емес немесе бұл осы мұнда керек мүмкін емес секундтан қолжетімді сұраныс шектелді
    таңбадан аспауы кем дегенде тұруы тиіс
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")


def kazakh_words(text: str) -> list[str]:
    return [word for word in _CYRILLIC_WORD.findall(text) if word.lower() in KAZAKH_WORDS]


_VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}


# Values that libraries store in the data, not text of the interface: axes' "<unknown>" path.
_PLACEHOLDER = re.compile(r"<\w+>")
# Masked secrets the admin shows (a password hash's summary "28e1a7******"): hex digits, not words.
_MASKED = re.compile(r"\S*\*{4,}\S*")


def english_words(text: str) -> list[str]:
    """The English words of a text, links, e-mail addresses, slugs, dotted codes and stored placeholders
    left out.

    Codes of one to three capital letters (the Holland types "IS", "A" of R I A S E C) are data, not
    English: interface text in English has lower-case words beside them, which are still found.
    """
    text = _MASKED.sub(" ", _PLACEHOLDER.sub(" ", _SLUG.sub(" ", _DOTTED_CODE.sub(" ", _URL.sub(" ", text)))))
    return [
        word
        for word in _LATIN_WORD.findall(text)
        if word.lower().replace("’", "'") in ENGLISH_WORDS and not (word.isupper() and len(word) <= 3)
    ]


class _Visible(HTMLParser):
    """The text a person sees or hears: text nodes (not scripts or styles), labels in attributes, and
    the words written on buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "template"}:
            self._skip += 1
        for name in _VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.chunks.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"} and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.chunks


def foreign_text(html: str, lang: str, *, kazakh_on_russian: bool = True) -> list[str]:
    """The visible pieces of text that are in the wrong language for a page in `lang`.

    kazakh_on_russian=False for pages full of content in both languages (the admin lists proverbs
    and names in their own language): there only English counts.
    """
    found = []
    for chunk in visible_text(html):
        if english_words(chunk) or (lang == "ru" and kazakh_on_russian and kazakh_words(chunk)):
            found.append(chunk[:120])
    return found


# --- The pages --------------------------------------------------------------------------------------
def public_pages(dynasty_slug: str) -> list[str]:
    return [
        "/",
        "/about/",
        "/dynasties/",
        f"/dynasties/{dynasty_slug}/",
        "/dynasties/?q=Өтеп&min_generations=x&region=zz",
        "/dynasties/exhibitions/",
        "/dynasties/challenge/",
        "/contests/",
        "/events/",
        "/surveys/",
        "/indicators/",
        "/professions/",
        "/professions/?q=svarsh&interest=Q&sphere=nowhere",
        "/professions/7212-01/?region=75",
        "/professions/quiz/",
        "/professions/quiz/result/?r=" + "5" * 6 + "1" * 30,
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/MQ/bad-token/",
        "/accounts/password/reset/done/",
        "/no-such-page/",
    ]


def anonymous_form_posts() -> list[tuple[str, dict]]:
    """Forms sent with mistakes: each of Django's password rules, lengths, formats, NUL characters."""
    long_name = "Ә" * 201
    return [
        (
            "/accounts/signup/",
            {"email": "x", "full_name": "", "password1": "1234567", "password2": "1234567"},
        ),
        (
            "/accounts/signup/",
            {"email": "a@b.kz", "full_name": "Айгүл", "password1": "password", "password2": "password"},
        ),
        (
            "/accounts/signup/",
            {
                "email": "aigul@b.kz",
                "full_name": long_name,
                "password1": "aigul@b.kz",
                "password2": "aigul@b.kz",
            },
        ),
        (
            "/accounts/signup/",
            {
                "email": "n@b.kz",
                "full_name": "Айгүл\x00",
                "password1": "Tau!2026kz",
                "password2": "Tau!2026kz",
            },
        ),
        ("/accounts/login/", {"username": "", "password": ""}),
        ("/accounts/login/", {"username": "nobody@example.kz", "password": "wrong"}),
        ("/accounts/password/reset/", {"email": "not-an-email"}),
        ("/professions/quiz/", {"step": "0", "go": "next"}),  # nothing answered
    ]


def citizen_pages(draft_pk: int) -> list[str]:
    return [
        "/accounts/profile/",
        "/professions/quiz/mine/",
        "/accounts/password/change/",
        "/accounts/password/change/done/",
        "/dynasties/mine/",
        "/dynasties/new/",
        f"/dynasties/{draft_pk}/edit/family/",
        f"/dynasties/{draft_pk}/edit/members/",
        f"/dynasties/{draft_pk}/edit/story/",
        f"/dynasties/{draft_pk}/edit/photos/",
        f"/dynasties/{draft_pk}/edit/review/",
        "/dynasties/challenge/",
    ]


def citizen_form_posts(draft_pk: int) -> list[tuple[str, dict]]:
    return [
        ("/accounts/profile/", {"full_name": "", "phone": "12", "iin": "123", "preferred_language": "xx"}),
        (
            "/accounts/password/change/",
            {"old_password": "wrong", "new_password1": "Tau!2026kz", "new_password2": "Tau!2026kx"},
        ),
        ("/dynasties/new/", {"family_name_kk": "", "founded_year": "abc", "sphere": "999999", "region": ""}),
        (f"/dynasties/{draft_pk}/edit/family/", {"family_name_kk": "Ә", "founded_year": "1700"}),
        (
            f"/dynasties/{draft_pk}/edit/members/",
            {"full_name": "Ә" * 201, "generation": "0", "birth_year": "x"},
        ),
        (f"/dynasties/{draft_pk}/edit/story/", {"story_kk": "ә" * 20001, "story_ru": ""}),
        (f"/dynasties/{draft_pk}/edit/photos/", {"caption_kk": "Ә"}),
        (f"/dynasties/{draft_pk}/edit/review/", {}),
        (
            "/dynasties/challenge/",
            {"post_url": "not a link", "dynasty": "/kk/dynasties/nothing/", "comment": ""},
        ),
    ]


def coordinator_pages(submitted_pk: int) -> list[str]:
    return [
        "/dynasties/moderation/",
        f"/dynasties/moderation/{submitted_pk}/",
        "/dynasties/challenge/moderation/",
    ]


def coordinator_form_posts(submitted_pk: int) -> list[tuple[str, dict]]:
    return [(f"/dynasties/moderation/{submitted_pk}/return/", {"reason": " "})]


def admin_pages() -> list[str]:
    """Every registered model's list, form, history and deletion page, the index and each app's page,
    the password change pages: the admin's own text included."""
    pages = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
    ]
    apps = set()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        apps.add(meta.app_label)
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        pages += [changelist, changelist + "?q=Өтеп", changelist + "?o=1&p=999"]
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            for view in ("change", "history", "delete"):
                pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk]))
        del model_admin
    pages += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    return pages
