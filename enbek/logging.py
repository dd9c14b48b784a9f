"""Log filter that keeps personal data (IIN, BIN, phone numbers) out of every log line."""

import logging
import re

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")
_PHONE = re.compile(r"(?<!\d)(?:\+?7|8)[\s\-()]*\d{3}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")


def scrub(text: str) -> str:
    text = _TWELVE_DIGITS.sub("************", text)
    return _PHONE.sub("+7 *** *** ** **", text)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not kill logging
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
