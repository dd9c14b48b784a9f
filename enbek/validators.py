"""Validation of Kazakhstan's identification numbers and other shared field formats.

The one module used by models, forms and serializers. An IIN (individual identification number)
and a BIN (business identification number) are both 12 digits with the same check digit:

    c = Σ dᵢ·i (i = 1..11) mod 11; if c == 10: c = Σ dᵢ·wᵢ mod 11 with w = 3,4,5,6,7,8,9,10,11,1,2;
    if c is still 10 the number is never issued; otherwise it is valid when c equals digit 12.

An IIN starts with the birth date YYMMDD; digit 7 gives the century and sex
(1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s; odd male, even female).
A BIN starts with the registration year and month YYMM; digit 5 is the kind of entity
(4 resident legal entity, 5 non-resident, 6 individual entrepreneur in joint venture).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

_WEIGHTS_FIRST = tuple(range(1, 12))
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when no valid number can start with them."""
    digits = [int(ch) for ch in first_eleven]
    control = sum(d * w for d, w in zip(digits, _WEIGHTS_FIRST, strict=True)) % 11
    if control == 10:
        control = sum(d * w for d, w in zip(digits, _WEIGHTS_SECOND, strict=True)) % 11
    return None if control == 10 else control


def _check_shape(value: str) -> str:
    value = (value or "").strip()
    if not re.fullmatch(r"\d{12}", value):
        raise ValidationError(_("Enter exactly 12 digits."), code="not_12_digits")
    return value


def _check_control(value: str) -> None:
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise ValidationError(_("The check digit is wrong: please recheck the number."), code="check_digit")


@dataclass(frozen=True)
class IinInfo:
    birth_date: datetime.date
    sex: str  # "male" or "female"


def iin_info(value: str) -> IinInfo:
    """Validate an IIN and return the birth date and sex it encodes; raise ValidationError if invalid."""
    value = _check_shape(value)
    century_digit = value[6]
    if century_digit not in _CENTURY:
        raise ValidationError(
            _("The 7th digit of an IIN must be from 1 to 6 (century and sex)."), code="century_digit"
        )
    year = _CENTURY[century_digit] + int(value[0:2])
    try:
        birth_date = datetime.date(year, int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise ValidationError(
            _("The first six digits of an IIN must be a real birth date (YYMMDD)."), code="bad_date"
        ) from None
    _check_control(value)
    return IinInfo(birth_date=birth_date, sex="male" if int(century_digit) % 2 else "female")


def validate_iin(value: str) -> None:
    iin_info(value)


def validate_bin(value: str) -> None:
    value = _check_shape(value)
    if not 1 <= int(value[2:4]) <= 12:
        raise ValidationError(
            _("Digits 3–4 of a BIN must be the month of registration (01–12)."), code="bad_month"
        )
    if value[4] not in "456":
        raise ValidationError(
            _("The 5th digit of a BIN must be 4, 5 or 6 (the kind of organisation)."), code="entity_kind"
        )
    _check_control(value)


@deconstructible
class IINValidator:
    def __call__(self, value: str) -> None:
        validate_iin(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IINValidator)


@deconstructible
class BINValidator:
    def __call__(self, value: str) -> None:
        validate_bin(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BINValidator)


_PHONE_DIGITS = re.compile(r"\D")


def normalize_phone(value: str) -> str:
    """A Kazakhstan phone number as +7XXXXXXXXXX, accepting 8…, 7… and +7… with any spacing."""
    digits = _PHONE_DIGITS.sub("", value or "")
    if len(digits) == 11 and digits[0] in "78":
        digits = "7" + digits[1:]
    elif len(digits) == 10:
        digits = "7" + digits
    if len(digits) != 11 or digits[0] != "7" or digits[1] not in "67":
        raise ValidationError(
            _("Enter a Kazakhstan phone number, for example +7 701 123 45 67."), code="bad_phone"
        )
    return "+" + digits


def validate_phone(value: str) -> None:
    normalize_phone(value)


@deconstructible
class HttpUrlValidator:
    """Only http and https links: a javascript: or data: URL is never stored."""

    def __call__(self, value: str) -> None:
        if not re.match(r"^https?://", value or "", re.IGNORECASE):
            raise ValidationError(_("Only http:// and https:// links are accepted."), code="bad_scheme")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HttpUrlValidator)


HOLLAND_LETTERS = "RIASEC"


def validate_holland_code(value: str) -> None:
    """One to three different letters of R, I, A, S, E, C, the strongest first (e.g. "RIE")."""
    value = value or ""
    if (
        not 1 <= len(value) <= 3
        or any(ch not in HOLLAND_LETTERS for ch in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(
            _("Give one to three different letters of R, I, A, S, E, C, the strongest first (e.g. RIE)."),
            code="bad_holland_code",
        )


PROFESSION_CODE_RE = re.compile(r"\d{4}-\d{2}")


def validate_profession_code(value: str) -> None:
    """The ISCO-08 unit group (4 digits) and a 2-digit suffix within it, e.g. 7212-01."""
    if not PROFESSION_CODE_RE.fullmatch(value or ""):
        raise ValidationError(
            _("A profession code is the 4-digit ISCO-08 unit group and a 2-digit number, e.g. 7212-01."),
            code="bad_profession_code",
        )


# Control characters (newline, tab, NUL, escape…) and the Unicode line and paragraph separators:
# none belongs in a name, title or caption, and a newline there breaks e-mail headers and file lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """A one-line text (a name, a title, a caption): no line breaks or other control characters."""
    if value and _CONTROL.search(value):
        raise ValidationError(
            _("Use one line of text, without line breaks or control characters."), code="control_characters"
        )


@deconstructible
class SingleLineValidator:
    """validate_single_line as a validator of model, form and serializer fields."""

    def __call__(self, value: str) -> None:
        validate_single_line(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)


# Texts a person writes freely (awards, a reason, a comment) may have line breaks but no NUL or
# other control characters than tab and newline.
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_multiline_text(value: str) -> None:
    if value and _CONTROL_MULTILINE.search(value):
        raise ValidationError(_("Remove the control characters from the text."), code="control_characters")


@deconstructible
class MultilineTextValidator:
    def __call__(self, value: str) -> None:
        validate_multiline_text(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MultilineTextValidator)
