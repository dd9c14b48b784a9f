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
    # Schools, hospitals, museums, research institutes: an institution that does not train for a trade.
    INSTITUTION = "institution", _("Institution (school, hospital, culture, science)")
    COLLEGE = "college", _("College (technical and vocational education)")
    UNIVERSITY = "university", _("University")
    TRAINING_CENTRE = "training_centre", _("Training centre (courses, retraining)")
    AGENCY = "agency", _("Government agency")
    NGO = "ngo", _("Non-profit organisation")


# The kinds of organisation that train for professions and list their programmes.
EDUCATION_KINDS = (OrganizationKind.COLLEGE, OrganizationKind.UNIVERSITY, OrganizationKind.TRAINING_CENTRE)


class HollandType(models.TextChoices):
    """Holland's six interest types (RIASEC): a profession's interest code is one to three of them."""

    REALISTIC = "R", _("Realistic: working with hands, tools and machines")
    INVESTIGATIVE = "I", _("Investigative: studying, analysing, solving problems")
    ARTISTIC = "A", _("Artistic: creating, designing, performing")
    SOCIAL = "S", _("Social: teaching, helping, caring for people")
    ENTERPRISING = "E", _("Enterprising: leading, organising, persuading")
    CONVENTIONAL = "C", _("Conventional: order, documents, numbers and rules")


class EntryPath(models.TextChoices):
    """How people usually get into a profession; Profession stores each as a boolean path_<value>."""

    COLLEGE = "college", _("After school: a college")
    UNIVERSITY = "university", _("A university")
    ON_THE_JOB = "on_the_job", _("Training on the job")
    RETRAINING = "retraining", _("Retraining courses for adults")


class Audience(models.TextChoices):
    """Who a profession suits as a next step; Profession stores each as a boolean suits_<value>."""

    PUPILS = "pupils", _("Pupils")
    STUDENTS = "students", _("Students")
    CAREER_CHANGERS = "career_changers", _("Adults changing careers")
    OVER_50 = "over_50", _("People over 50")


class StudyForm(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time (extramural)")
    EVENING = "evening", _("Evening")
    DUAL = "dual", _("Dual (study and work at an enterprise)")
    DISTANCE = "distance", _("Distance learning")


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
