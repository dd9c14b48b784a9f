import copy

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .enums import Language
from .models import Profession, Region, User
from .selectors import profession_choices, profession_search_text
from .text import fold_for_search
from .validators import normalize_phone, validate_iin


class RegionChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.order_by("code"))
        kwargs.setdefault("empty_label", _("— choose a region —"))
        super().__init__(**kwargs)


class ProfessionSelect(forms.Select):
    """A select of the classifier grouped by sphere; every option carries its folded code and names in
    both languages (data-search), which static/js/profession-picker.js filters on as the user types."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if isinstance(instance, Profession):
            option["attrs"]["data-search"] = profession_search_text(instance)
        return option


class _ProfessionsBySphere(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[int, tuple[str, list]] = {}
        for profession in self.field.rows():
            if self.field.shown is not None and profession.pk not in self.field.shown:
                continue
            # The page's language only: the other language's name is searched (data-search), not shown,
            # which keeps the options short on a phone and the page in one language.
            label = profession.name
            group = groups.setdefault(profession.sphere_id, (profession.sphere.name, []))
            group[1].append((self.choice(profession)[0], label))
        for sphere_name, options in groups.values():
            # Alphabetical in the page's language (folded: ә sorts with а, not after я).
            yield (sphere_name, sorted(options, key=lambda option: fold_for_search(option[1])))

    def __len__(self):
        return len(self.field.rows()) + (self.field.empty_label is not None)


class ProfessionChoiceField(forms.ModelChoiceField):
    """The shared classifier as a form field: a select grouped by sphere, names in the page's language
    with the other language in brackets. Works without JavaScript; profession-picker.js adds a live
    search in both languages. `shown` (a set of ids) narrows the options displayed, not those accepted.
    """

    widget = ProfessionSelect
    iterator = _ProfessionsBySphere

    def __init__(self, *, keep: int | None = None, **kwargs):
        kwargs.setdefault("queryset", profession_choices(keep=keep))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("— not chosen —"))
        self.shown: set[int] | None = None
        self._rows: list[Profession] | None = None
        super().__init__(**kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.shown = copy.copy(self.shown)
        result._rows = None
        return result

    def _set_queryset(self, queryset):
        self._rows = None
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def rows(self) -> list[Profession]:
        """The professions of the select, loaded once per form (one query)."""
        if self._rows is None:
            self._rows = list(self.queryset)
        return self._rows


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
