"""Messages of Django and of the libraries we use, kept in our catalogues on purpose.

Our pages show text that Django, django-axes, django-modeltranslation and DRF translate themselves,
but their Kazakh catalogues lack much of it (password rules, "Ensure this value has at most …
characters", "Null characters are not allowed.", the admin's "View site", "Recent actions", app and
model names…), and Django capitalises Kazakh month names after a day number ("29 Қараша").
Our catalogues (settings.LOCALE_PATHS) come before every app's, so an entry in locale/kk and
locale/ru overrides the library's or fills its gap.

`make translations` runs makemessages with --no-obsolete, which drops every msgid that it does not
find in our own source. This module is that source: each message is marked with gettext_noop, or
with pgettext_lazy / ngettext_lazy / npgettext_lazy where it has a context or a plural (lazy: nothing
is translated here; makemessages knows no pgettext_noop). The msgid, context and plural are exactly
the library's, so that the library's own lookup finds our entry. Only the tests import this module.
Add a message here, run `make translations`, translate it in both catalogues; the i18n tests
(tests/enbek/test_i18n.py) render the pages in kk and ru and fail on English left in them.
"""

from django.utils.translation import pgettext_lazy

# `E` in DATE_FORMAT (enbek/formats): «29 қараша 2026» (Kazakh keeps the lower-case nominative after a
# day number), «29 ноября 2026» (Russian takes the genitive).
MONTHS_AFTER_A_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
