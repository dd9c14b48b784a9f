"""Date and number formats of the portal's two languages (settings.FORMAT_MODULE_PATH).

One module per language, used by templates (`|date:"DATE_FORMAT"`), Python (`formats.date_format`)
and the admin alike: "29 қараша 2026, 13:13" and "29 ноября 2026, 13:13", a 24-hour clock.
`E` is the month name as it stands after a day number: the genitive in Russian («ноября»), the
lower-case nominative in Kazakh («қараша»); both come from the "alt. month" catalogue entries (see
enbek/library_messages.py for the Kazakh ones, which Django's own catalogue capitalises).
"""
