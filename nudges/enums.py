from django.db import models
from django.utils.translation import gettext_lazy as _


class BannerSize(models.TextChoices):
    """Print and screen sizes; pixel sizes and print scales are in nudges.rendering.SIZES."""

    A4 = "a4", _("A4 poster (210 × 297 mm, 300 dpi)")
    A3 = "a3", _("A3 poster (297 × 420 mm, 300 dpi)")
    BILLBOARD = "billboard", _("Street billboard 6 × 3 m (file at 1:10, 150 dpi)")
    SQUARE = "square", _("Social media, square (1080 × 1080)")
    STORY = "story", _("Social media, story (1080 × 1920)")


class BannerLanguage(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    BOTH = "both", _("Kazakh and Russian")


class BannerDesign(models.TextChoices):
    STEPPE = "steppe", _("Steppe: blue and gold")
    CLASSIC = "classic", _("Classic: cream paper, serif type")
    BOLD = "bold", _("Bold: white, large type")


class BannerFormat(models.TextChoices):
    PNG = "png", _("PNG picture")
    PDF = "pdf", _("PDF for printing")


class PlaceType(models.TextChoices):
    STREET_BILLBOARD = "street_billboard", _("Street billboard")
    BUS_STOP = "bus_stop", _("Bus stop")
    SCHOOL = "school", _("School")
    COLLEGE = "college", _("College")
    AKIMAT = "akimat", _("Akimat building")
    ENTERPRISE = "enterprise", _("Enterprise")
    RAILWAY_STATION = "railway_station", _("Railway station")
    ONLINE = "online", _("Online")


class LandingPage(models.TextChoices):
    """Where a placement's short link sends people; each is a URL name of the portal."""

    HOME = "home", _("Home page")
    DYNASTIES = "dynasties:list", _("Labour dynasties")
    EVENTS = "events:index", _("Career-guidance events")
    CONTESTS = "contests:index", _("«Я-профи» contest")
    SURVEYS = "surveys:index", _("Values survey")
    PROVERBS = "nudges:proverbs", _("Proverbs about labour")


class BatchStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ABDimension(models.TextChoices):
    DESIGN = "design", _("Designs")
    PLACE_TYPE = "place_type", _("Place types")
