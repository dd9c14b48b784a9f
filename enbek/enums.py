from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    OBLAST = "oblast", _("Region (oblys)")
    CITY = "city", _("City of republican significance")


class Language(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    INSTITUTION = "institution", _("Educational institution")
    AGENCY = "agency", _("Government agency")
    NGO = "ngo", _("Non-profit organisation")


class Role(models.TextChoices):
    """The portal's roles; each is a Django group of the same name (see enbek.roles)."""

    CITIZEN = "citizen", _("Citizen")
    ENTERPRISE_REPRESENTATIVE = "enterprise_representative", _("Enterprise representative")
    JURY_MEMBER = "jury_member", _("Jury member")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    MINISTRY_ADMINISTRATOR = "ministry_administrator", _("Ministry administrator")


class TranslationKind(models.TextChoices):
    """How a proverb's text in its other language relates to the original."""

    TRANSLATION = "translation", _("Translation")
    # A proverb of the other language with the same meaning, not a word-for-word rendering.
    EQUIVALENT = "equivalent", _("Equivalent proverb (not a literal translation)")
