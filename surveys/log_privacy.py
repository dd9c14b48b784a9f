"""Survey requests leave no IP address or user agent in any log (Django's and gunicorn's access log)."""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

# /kk/surveys/…, /ru/surveys/…, /api/v1/surveys/…
SURVEY_PATH = re.compile(r"^/(?:kk|ru|api/v1)/surveys(?:/|$)")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![0-9a-fA-F:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}(?![0-9a-fA-F:])")


def is_survey_path(path: str) -> bool:
    return bool(SURVEY_PATH.match(path or ""))


def strip_addresses(text: str) -> str:
    return _IPV6.sub("-", _IPV4.sub("-", text))


class SurveyPrivacyFilter(logging.Filter):
    """For a record about a survey request: drop the request (its META holds the IP and user agent)
    and blank any address in the message. Other records pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") if request is not None else ""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not kill logging
            return True
        if is_survey_path(path) or "/surveys" in message:
            if request is not None:
                record.request = None
            cleaned = strip_addresses(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


class SurveyPrivateLogger(GunicornLogger):
    """gunicorn's logger: "-" for the address, user agent and referer of survey paths in the access log."""

    def access(self, resp, req, environ, request_time):
        if is_survey_path(environ.get("PATH_INFO", "")):
            environ = dict(environ)
            environ["REMOTE_ADDR"] = "-"
            for key in (
                "HTTP_USER_AGENT",
                "HTTP_X_FORWARDED_FOR",
                "HTTP_X_REAL_IP",
                "HTTP_REFERER",
                "HTTP_FORWARDED",
            ):
                environ.pop(key, None)
            req = _Anonymous(req)
        super().access(resp, req, environ, request_time)


class _Anonymous:
    """A gunicorn request whose peer address and identifying headers are hidden from the access log."""

    def __init__(self, req):
        self._req = req
        self.peer_addr = "-"
        self.remote_addr = "-"
        self.headers = [
            (name, value)
            for name, value in req.headers
            if name.upper() not in {"USER-AGENT", "X-FORWARDED-FOR", "X-REAL-IP", "REFERER", "FORWARDED"}
        ]

    def __getattr__(self, name):
        return getattr(self._req, name)
