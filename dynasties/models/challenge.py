from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enbek.validators import HttpUrlValidator, MultilineTextValidator, SingleLineValidator

from ..enums import ChallengeStatus, Platform


class ChallengeEntry(models.Model):
    """A social-media post in the family-history challenge, shown on the wall once approved."""

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    post_url = models.URLField(_("post link"), max_length=500, unique=True, validators=[HttpUrlValidator()])
    hashtag = models.CharField(_("hashtag"), max_length=60)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="challenge_entries", verbose_name=_("author")
    )
    author_name = models.CharField(
        _("author's name as shown"), max_length=200, validators=[SingleLineValidator()]
    )
    dynasty = models.ForeignKey(
        "dynasties.Dynasty",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge_entries",
        verbose_name=_("dynasty"),
    )
    # The region whose coordinator reviews the post: the dynasty's, else the author's.
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="challenge_entries", verbose_name=_("region")
    )
    comment = models.CharField(
        _("a few words about the post"), max_length=500, blank=True, validators=[MultilineTextValidator()]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("challenge post")
        verbose_name_plural = _("challenge posts")
        indexes = [models.Index(fields=["status", "region", "-created_at"])]

    def __str__(self) -> str:
        return self.post_url
