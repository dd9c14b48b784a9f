from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")
    # Closed, and the summary of its results is public.
    PUBLISHED = "published", _("Results published")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale 1–5")
    SCALE = "scale", _("Scale 0–10")
    TEXT = "text", _("Short open text")


# The range of the numeric kinds, inclusive.
NUMBER_RANGE = {QuestionKind.LIKERT: (1, 5), QuestionKind.SCALE: (0, 10)}
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class AgeGroup(models.TextChoices):
    A18_24 = "18-24", _("18–24")
    A25_34 = "25-34", _("25–34")
    A35_44 = "35-44", _("35–44")
    A45_54 = "45-54", _("45–54")
    A55_64 = "55-64", _("55–64")
    A65 = "65+", _("65 and older")


class Education(models.TextChoices):
    SECONDARY = "secondary", _("General secondary or lower")
    VOCATIONAL = "vocational", _("Technical and vocational")
    HIGHER = "higher", _("Higher")


class Employment(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or own business")
    UNEMPLOYED = "unemployed", _("Unemployed, looking for work")
    STUDENT = "student", _("Student")
    RETIRED = "retired", _("Retired")
    OTHER = "other", _("Not working (household, parental leave, other)")


class Settlement(models.TextChoices):
    URBAN = "urban", _("City or town")
    RURAL = "rural", _("Village")


class TextReview(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved for results")
    REJECTED = "rejected", _("Rejected (personal data or abuse)")


# The demographic block: field name -> its choices. Cross-tabs may use any of them.
DEMOGRAPHICS = {
    "region": None,
    "sex": Sex,
    "age_group": AgeGroup,
    "education": Education,
    "employment": Employment,
    "settlement": Settlement,
}
WEIGHTING_MARGINS = ("region", "sex", "age_group")
