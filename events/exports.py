"""The attendee list as CSV and XLSX: phones masked unless the viewer may see them (enbek.privacy)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from enbek.privacy import mask_phone


def attendee_rows(registrations, *, unmasked: bool) -> tuple[list[str], list[list]]:
    header = [
        _("Ticket code"),
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Seats"),
        _("Group contact"),
        _("Group phone"),
        _("Status"),
        _("Registered at"),
        _("Checked in at"),
    ]
    rows = []
    for registration in registrations:
        user = registration.user
        phone, contact_phone = user.phone, registration.contact_phone
        if not unmasked:
            phone, contact_phone = mask_phone(phone), mask_phone(contact_phone)
        rows.append(
            [
                registration.ticket_code,
                user.full_name,
                user.email,
                phone,
                registration.seats,
                registration.contact_name,
                contact_phone,
                str(registration.get_status_display()),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(registration.checked_in_at).strftime("%Y-%m-%d %H:%M")
                if registration.checked_in_at
                else "",
            ]
        )
    return header, rows


def _safe_cell(value):
    # A spreadsheet must not run what a registrant typed as a formula (CSV/formula injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        if value.startswith("+") and value[1:].replace(" ", "").replace("*", "").isdigit():
            return value  # a (masked) phone number
        return "'" + value
    return value


def as_csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Cyrillic correctly


def as_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Sheet"
    sheet.append(header)
    for row in rows:
        sheet.append([_safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
