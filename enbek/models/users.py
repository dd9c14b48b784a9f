from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from ..access import cached_access
from ..enums import Language, Role
from ..validators import IINValidator, validate_phone


class PortalUserManager(UserManager):
    """Users sign in with their e-mail; the username is kept equal to it for Django's own tools."""

    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        return super()._create_user(email, email, password, **extra_fields)

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.pop("username", None)
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.pop("username", None)
        return super().create_superuser(email, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    region = models.ForeignKey(
        "enbek.Region",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("region"),
    )
    # Personal data: shown to its owner and to authorised staff only, masked elsewhere, never logged.
    phone = models.CharField(_("phone"), max_length=16, blank=True, validators=[validate_phone])
    iin = models.CharField(_("IIN"), max_length=12, blank=True, validators=[IINValidator()])
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KK
    )
    # The one region a regional coordinator acts on; set by ministry administrators, not by the user.
    coordinator_region = models.ForeignKey(
        "enbek.Region",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinators",
        verbose_name=_("coordinated region"),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        permissions = [
            ("view_all_regions", _("Can see the data of every region")),
            ("coordinate_region", _("Can moderate the content of one's region")),
            ("view_personal_data", _("Can see unmasked personal data")),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.username = self.email
        super().save(*args, **kwargs)

    def has_role(self, role: Role | str) -> bool:
        role = Role(role)
        if self.is_superuser:
            return True
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = self._role_cache = cached_access(
                self, "roles", lambda: set(self.groups.values_list("name", flat=True))
            )
        return role.value in cache

    @property
    def is_ministry(self) -> bool:
        return self.is_superuser or self.has_perm("enbek.view_all_regions")
