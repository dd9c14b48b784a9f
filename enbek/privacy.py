"""Masking of personal data for everyone but its owner and authorised staff."""


def mask_iin(value: str) -> str:
    if not value:
        return ""
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def mask_phone(value: str) -> str:
    if not value:
        return ""
    digits = value.lstrip("+")
    return "+" + digits[:1] + " " + digits[1:4] + " *** ** " + digits[-2:]


def can_see_personal_data(viewer, owner) -> bool:
    """The owner and staff holding enbek.view_personal_data see IIN and phone unmasked."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if owner is not None and viewer.pk == owner.pk:
        return True
    return viewer.is_superuser or viewer.has_perm("enbek.view_personal_data")
