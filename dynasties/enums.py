from django.db import models
from django.utils.translation import gettext_lazy as _


class DynastyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")


class MediaKind(models.TextChoices):
    TV = "tv", _("TV programme")
    RADIO = "radio", _("Radio programme")
    PODCAST = "podcast", _("Podcast episode")
    VIDEO = "video", _("Video")
    ARTICLE = "article", _("Article")


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    FACEBOOK = "facebook", "Facebook"
    YOUTUBE = "youtube", "YouTube"
    TELEGRAM = "telegram", "Telegram"
    VK = "vk", "VK"
    THREADS = "threads", "Threads"
    X = "x", "X"
    OTHER = "other", _("Other")


class ChallengeStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DynastyOrdering(models.TextChoices):
    NEWEST = "newest", _("Newest")
    GENERATIONS = "generations", _("Most generations")
    YEARS = "years", _("Most years of service")


# Platforms recognised from a post's address; anything else is "other".
PLATFORM_HOSTS = {
    "instagram.com": Platform.INSTAGRAM,
    "tiktok.com": Platform.TIKTOK,
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "t.me": Platform.TELEGRAM,
    "vk.com": Platform.VK,
    "threads.net": Platform.THREADS,
    "threads.com": Platform.THREADS,
    "x.com": Platform.X,
    "twitter.com": Platform.X,
}
