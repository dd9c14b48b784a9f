from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .enums import Language
from .models import Region, User
from .validators import normalize_phone, validate_iin


class RegionChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.order_by("code"))
        kwargs.setdefault("empty_label", _("— choose a region —"))
        super().__init__(**kwargs)


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    region = RegionChoiceField(label=_("Region"), required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common word."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists. Sign in instead."))
        return email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            candidate = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("The e-mail or password is wrong. Note that the password is case-sensitive."),
        "inactive": _("This account is inactive."),
    }


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form, with the letter written in the language the user chose for e-mails.

    The page may be in another language (a Russian speaker on a Kazakh page): the subject, the body
    and the link (/ru/…) follow User.preferred_language, as every e-mail of the portal does.
    """

    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = getattr(context.get("user"), "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    region = RegionChoiceField(label=_("Region"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Only you and authorised staff see it."),
    )
    iin = forms.CharField(
        label=_("IIN"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("12 digits. Needed to apply to «Я-профи». Only you and authorised staff see it."),
    )
    preferred_language = forms.ChoiceField(label=_("Language of e-mails"), choices=Language.choices)

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value) if value else ""

    def clean_iin(self):
        value = self.cleaned_data["iin"].strip()
        if value:
            validate_iin(value)
        return value
