from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enbek.validators import HttpUrlValidator, SingleLineValidator

from ..enums import MediaKind


class Photo(models.Model):
    """A photo of a dynasty, re-encoded on upload (enbek.images): display size and thumbnail."""

    dynasty = models.ForeignKey(
        "dynasties.Dynasty", models.CASCADE, related_name="photos", verbose_name=_("dynasty")
    )
    image = models.ImageField(
        _("image"), upload_to="dynasties/photos/", width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="dynasties/thumbs/")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True, validators=[SingleLineValidator()])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class MediaEpisode(models.Model):
    """A TV or radio programme, podcast episode, video or article about the dynasty."""

    dynasty = models.ForeignKey(
        "dynasties.Dynasty", models.CASCADE, related_name="media", verbose_name=_("dynasty")
    )
    title = models.CharField(_("title"), max_length=255, validators=[SingleLineValidator()])
    kind = models.CharField(_("kind"), max_length=10, choices=MediaKind.choices)
    outlet = models.CharField(
        _("outlet"),
        max_length=200,
        blank=True,
        validators=[SingleLineValidator()],
        help_text=_("Channel, station or publication."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, validators=[HttpUrlValidator()])

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("media episode")
        verbose_name_plural = _("media episodes")

    def __str__(self) -> str:
        return self.title


class PhotoExhibition(models.Model):
    """A photo session or exhibition about labour dynasties in a public place."""

    title = models.CharField(_("title"), max_length=255, validators=[SingleLineValidator()])
    place = models.CharField(_("place"), max_length=255, validators=[SingleLineValidator()])
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="exhibitions", verbose_name=_("region")
    )
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"), null=True, blank=True)
    dynasties = models.ManyToManyField(
        "dynasties.Dynasty", related_name="exhibitions", blank=True, verbose_name=_("dynasties shown")
    )
    photos = models.ManyToManyField(Photo, related_name="exhibitions", blank=True, verbose_name=_("photos"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("photo exhibition")
        verbose_name_plural = _("photo exhibitions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="exhibition_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title
