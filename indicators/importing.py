"""Action plan items from an XLSX or CSV file: every row checked first, then all written or none.

The columns (first row, in any order; the export writes the same): PLAN_COLUMNS. Mechanism and
status take the code (e.g. `dynasties`, `in_progress`) or the name in Kazakh or Russian; the deadline
takes an Excel date, `2026-03-31` or `31.03.2026`. Items are matched on their number within the
plan: a known number is updated, a new one added; items not in the file are left as they are.
"""

import csv
import datetime
import functools
import io
import zipfile
from dataclasses import dataclass

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from enbek.validators import HttpUrlValidator

from .enums import ITEM_MECHANISMS, ItemStatus, Mechanism

PLAN_COLUMNS = [
    "number",
    "title_kk",
    "title_ru",
    "mechanism",
    "responsible_kk",
    "responsible_ru",
    "deadline",
    "completion_form_kk",
    "completion_form_ru",
    "status",
    "evidence_url",
]
REQUIRED_COLUMNS = {"number", "title_kk", "mechanism", "responsible_kk", "deadline"}
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1); 0 for the whole file
    column: str
    message: str


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@functools.cache
def _choice_lookup(choices) -> dict[str, str]:
    """Codes and names in both languages (lower case) → code."""
    lookup = {}
    for choice in choices:
        lookup[choice.value.lower()] = choice.value
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                lookup[str(choice.label).strip().lower()] = choice.value
    return lookup


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class ItemRowForm(forms.Form):
    number = forms.CharField(max_length=20)
    title_kk = forms.CharField(max_length=500)
    title_ru = forms.CharField(max_length=500, required=False)
    mechanism = forms.CharField()
    responsible_kk = forms.CharField(max_length=255)
    responsible_ru = forms.CharField(max_length=255, required=False)
    deadline = forms.CharField()
    completion_form_kk = forms.CharField(max_length=255, required=False)
    completion_form_ru = forms.CharField(max_length=255, required=False)
    status = forms.CharField(required=False)
    evidence_url = forms.URLField(
        max_length=500, required=False, assume_scheme="https", validators=[HttpUrlValidator()]
    )

    def __init__(self, *args, raw_deadline=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw_deadline = raw_deadline

    def clean_mechanism(self):
        value = self.cleaned_data["mechanism"].strip().lower()
        code = _choice_lookup(Mechanism).get(value)
        if code is None or code not in ITEM_MECHANISMS:
            raise forms.ValidationError(
                _("Unknown mechanism: use one of %(codes)s.")
                % {"codes": ", ".join(m.value for m in ITEM_MECHANISMS)}
            )
        return code

    def clean_status(self):
        value = (self.cleaned_data.get("status") or "").strip().lower()
        if not value:
            return ItemStatus.PLANNED
        code = _choice_lookup(ItemStatus).get(value)
        if code is None:
            raise forms.ValidationError(
                _("Unknown status: use one of %(codes)s.") % {"codes": ", ".join(s.value for s in ItemStatus)}
            )
        return code

    def clean_deadline(self):
        parsed = _parse_date(self.raw_deadline)
        if parsed is None:
            raise forms.ValidationError(_("Enter the deadline as 2026-03-31 or 31.03.2026."))
        return parsed


def _read_rows(upload) -> list[list]:
    name = (getattr(upload, "name", "") or "").lower()
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise ImportFailed([RowError(0, "", _("The file is larger than 2 MB."))])
    data = upload.read()
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise ImportFailed([RowError(0, "", _("The file is not a readable XLSX workbook."))]) from None
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
        workbook.close()
        return rows
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFailed([RowError(0, "", _("The CSV file is not in UTF-8 or Windows-1251."))])
        delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ImportFailed([RowError(0, "", _("Upload an .xlsx or .csv file."))])


def parse_plan_file(upload) -> list[tuple[int, dict]]:
    """[(row number, cleaned values)] of every filled row, or ImportFailed with every error found."""
    rows = _read_rows(upload)
    if not rows:
        raise ImportFailed([RowError(0, "", _("The file is empty."))])
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        raise ImportFailed(
            [RowError(1, "", _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ImportFailed(
            [RowError(0, "", _("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS})]
        )
    errors: list[RowError] = []
    parsed: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(body, start=2):
        values = {
            column: row[i] if i < len(row) else None
            for i, column in enumerate(header)
            if column in PLAN_COLUMNS
        }
        if all(value in (None, "") for value in values.values()):
            continue
        data = {key: ("" if value is None else str(value).strip()) for key, value in values.items()}
        data["deadline"] = data.get("deadline") or ""
        form = ItemRowForm(data, raw_deadline=values.get("deadline"))
        if not form.is_valid():
            for column, messages in form.errors.items():
                errors.extend(RowError(offset, column, str(message)) for message in messages)
            continue
        number = form.cleaned_data["number"]
        if number in seen:
            errors.append(
                RowError(
                    offset,
                    "number",
                    _("Number %(number)s is already in row %(row)s.")
                    % {"number": number, "row": seen[number]},
                )
            )
            continue
        seen[number] = offset
        parsed.append((offset, form.cleaned_data))
    if errors:
        raise ImportFailed(errors)
    if not parsed:
        raise ImportFailed([RowError(0, "", _("The file has no items."))])
    return parsed


def plan_rows_for_export(plan) -> list[list]:
    return [
        [
            item.number,
            item.title_kk,
            item.title_ru,
            item.mechanism,
            item.responsible_kk,
            item.responsible_ru,
            item.deadline.isoformat(),
            item.completion_form_kk,
            item.completion_form_ru,
            item.status,
            item.evidence_url,
        ]
        for item in plan.items.order_by("position", "id")
    ]


def today() -> datetime.date:
    return timezone.localdate()
