"""Forms of the dynasties pages: they validate what a person typed; the services do the writing."""

import uuid
from urllib.parse import urlparse

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from enbek.forms import ProfessionChoiceField, RegionChoiceField
from enbek.models import Organization, Region
from enbek.pagecache import EVERYTHING, cached_value
from enbek.richtext import STORY_MAX_LENGTH
from enbek.selectors import profession_choices, profession_matches, sphere_list
from enbek.validators import MultilineTextValidator, SingleLineValidator
from enbek.widgets import FastSelect

from .enums import DynastyOrdering
from .models import Dynasty, Member
from .models.dynasty import AWARDS_MAX_LENGTH, RETURN_REASON_MAX_LENGTH
from .selectors import dynasty_published

FIRST_YEAR = 1850


def this_year() -> int:
    return timezone.localdate().year


def apply_service_errors(
    form: forms.Form, error: ValidationError, aliases: dict | None = None, field: str | None = None
) -> None:
    """Put a service's ValidationError on the form: next to the field it names, else next to `field`
    (None: on top of the form)."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = aliases.get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.error_list)


def is_locked_error(error: ValidationError) -> bool:
    """True when a service refused because the dynasty was already submitted or published."""
    if hasattr(error, "error_dict"):
        return False
    return any(item.code == "locked" for item in error.error_list)


class MaxYearValidator:
    """Refuse a year after the current one (evaluated at validation time, not at import)."""

    def __call__(self, value):
        if value is not None and value > this_year():
            raise ValidationError(_("The year cannot be in the future."), code="future")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", 2100)
        super().__init__(**kwargs)
        self.validators.append(MaxYearValidator())

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "class": "input-year"})
        return attrs


# --- The public list -------------------------------------------------------------------------------
def _plain_choices(field: forms.ModelChoiceField) -> list[tuple[str, str]]:
    # The field's own iterator over its queryset (field.choices is replaced by the cached list below).
    return [(str(value), str(label)) for value, label in field.iterator(field)]


class DynastyFilterForm(forms.Form):
    """The GET filter of the list; invalid values give an error next to the field and are ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Family name, a member's name or words from the story, in Kazakh or Russian."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
        widget=FastSelect,
    )
    sphere = forms.ModelChoiceField(
        label=_("Sphere of labour"),
        queryset=sphere_list(),
        to_field_name="slug",
        required=False,
        empty_label=_("All spheres"),
        widget=FastSelect,
    )
    min_generations = forms.IntegerField(
        label=_("At least this many generations"),
        required=False,
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    min_years = forms.IntegerField(
        label=_("At least this many combined years of service"),
        required=False,
        min_value=0,
        max_value=5000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=DynastyOrdering.choices, widget=FastSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Region names come from the database in the current language; the code is the value.
        self.fields["region"].label_from_instance = lambda region: region.name
        self.fields["sphere"].label_from_instance = lambda sphere: sphere.name
        # The options, not the validation: on every list page they were two queries (one a server-side
        # cursor); kept per language until a region or sphere changes (enbek.pagecache EVERYTHING).
        language = (get_language() or "kk")[:2]
        for name in ("region", "sphere"):
            field = self.fields[name]
            # A callable: read when the select is rendered, so a page served from its public fragment
            # does not even ask the cache.
            field.choices = lambda f=field, key=f"dynasties.filter.{name}.{language}": cached_value(
                EVERYTHING, key, lambda: _plain_choices(f)
            )

    def filters(self) -> dict:
        """Keyword arguments for selectors.dynasty_public_list from the fields that were valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        region = data.get("region")
        sphere = data.get("sphere")
        return {
            "region": region.code if region else None,
            "sphere": sphere.slug if sphere else None,
            "min_generations": data.get("min_generations"),
            "min_years": data.get("min_years"),
            "search": (data.get("q") or "").strip() or None,
            "ordering": data.get("sort") or DynastyOrdering.NEWEST,
        }


# --- The citizen's submission --------------------------------------------------------------------
class FamilyForm(forms.Form):
    family_name_kk = forms.CharField(
        label=_("Family name in Kazakh"),
        validators=[SingleLineValidator()],
        max_length=200,
        required=False,
        help_text=_("For example: Жұмабековтер әулеті."),
    )
    family_name_ru = forms.CharField(
        label=_("Family name in Russian"),
        validators=[SingleLineValidator()],
        max_length=200,
        required=False,
        help_text=_("For example: династия Жумабековых. Fill in at least one of the two names."),
    )
    sphere = forms.ModelChoiceField(
        label=_("Sphere of labour"), queryset=sphere_list(), empty_label=_("— choose a sphere —")
    )
    region = RegionChoiceField(label=_("Region"))
    organization = forms.ModelChoiceField(
        label=_("Main organisation"),
        queryset=Organization.objects.filter(is_verified=True).select_related("region").order_by("name"),
        required=False,
        empty_label=_("— not listed or not needed —"),
        help_text=_("The enterprise where most of the family worked, if it is on the portal."),
    )
    founded_year = YearField(
        label=_("Year the dynasty began"),
        help_text=_("When the first member of the family started this work."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sphere"].label_from_instance = lambda sphere: sphere.name
        self.fields["region"].label_from_instance = lambda region: region.name

    def clean(self):
        data = super().clean()
        if not (data.get("family_name_kk") or "").strip() and not (data.get("family_name_ru") or "").strip():
            self.add_error("family_name_kk", _("Give the family name in Kazakh or in Russian."))
        return data

    @classmethod
    def initial_for(cls, dynasty: Dynasty) -> dict:
        return {
            "family_name_kk": dynasty.family_name_kk,
            "family_name_ru": dynasty.family_name_ru,
            "sphere": dynasty.sphere_id,
            "region": dynasty.region_id,
            "organization": dynasty.organization_id,
            "founded_year": dynasty.founded_year,
        }


class NewFamilyForm(FamilyForm):
    """Step 1 of a new dynasty: with the one-time token that makes sending it twice harmless."""

    creation_token = forms.CharField(required=False, max_length=36, widget=forms.HiddenInput)

    def clean_creation_token(self) -> uuid.UUID | None:
        # A page from before the token (or a token mangled in transit) still creates the draft.
        try:
            return uuid.UUID(self.cleaned_data.get("creation_token") or "")
        except ValueError:
            return None


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return _("%(name)s (generation %(generation)s)") % {
            "name": member.full_name,
            "generation": member.generation,
        }


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, validators=[SingleLineValidator()])
    generation = forms.IntegerField(
        label=_("Generation"),
        min_value=1,
        max_value=10,
        help_text=_("1 is the founder of the dynasty, 2 their children, 3 their grandchildren…"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    parent = ParentChoiceField(
        label=_("Parent in the dynasty"),
        queryset=Member.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("A member of an earlier generation; it draws the family tree."),
    )
    birth_year = YearField(label=_("Year of birth"))
    death_year = YearField(label=_("Year of death"), help_text=_("Leave empty if the person is alive."))
    profession_kk = forms.CharField(
        label=_("Profession or position in Kazakh"),
        max_length=200,
        required=False,
        validators=[SingleLineValidator()],
    )
    profession_ru = forms.CharField(
        label=_("Profession or position in Russian"),
        max_length=200,
        required=False,
        validators=[SingleLineValidator()],
    )
    profession_search = forms.CharField(
        label=_("Find the profession in the classifier"),
        max_length=100,
        required=False,
        help_text=_(
            "Type a part of the name in Kazakh or Russian and search: the list below keeps what matches."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
    profession_ref = ProfessionChoiceField(
        label=_("Profession in the classifier"),
        help_text=_(
            "Optional: links the member to the profession's page. The profession or position above stays "
            "as you wrote it."
        ),
    )
    organization_name = forms.CharField(
        label=_("Organisation"), max_length=255, required=False, validators=[SingleLineValidator()]
    )
    start_year = YearField(label=_("Started work"))
    end_year = YearField(label=_("Finished work"), help_text=_("Leave empty if the person is still working."))
    awards_kk = forms.CharField(
        label=_("Awards in Kazakh"),
        required=False,
        max_length=AWARDS_MAX_LENGTH,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    awards_ru = forms.CharField(
        label=_("Awards in Russian"),
        required=False,
        max_length=AWARDS_MAX_LENGTH,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, dynasty: Dynasty, member: Member | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Member.objects.filter(dynasty=dynasty).order_by("generation", "position", "id")
        if member is not None:
            parents = parents.exclude(pk=member.pk)
        self.fields["parent"].queryset = parents
        profession = self.fields["profession_ref"]
        profession.queryset = profession_choices(keep=member.profession_ref_id if member else None)
        self.fields["profession_search"].widget.attrs["data-profession-select"] = self[
            "profession_ref"
        ].auto_id
        # Without JavaScript the search is a round trip: a search typed with no profession chosen
        # narrows the list (and picks the only match) instead of saving; see clean().
        self.profession_query = ""
        self.professions_found: list = []
        if self.is_bound:
            query = (self.data.get(self.add_prefix("profession_search")) or "").strip()
            if query and not self.data.get(self.add_prefix("profession_ref")):
                self.profession_query = query
                self.professions_found = profession_matches(profession.rows(), query)
                if self.professions_found:
                    profession.shown = {p.pk for p in self.professions_found}
                if len(self.professions_found) == 1:
                    self.data = self.data.copy()
                    self.data[self.add_prefix("profession_ref")] = str(self.professions_found[0].pk)

    def clean(self):
        data = super().clean()
        if self.profession_query:
            found = self.professions_found
            if not found:
                message = _(
                    "Nothing in the classifier matches «%(query)s». Try another word, or clear the search "
                    "to save without a profession from the classifier."
                ) % {"query": self.profession_query}
            elif len(found) == 1:
                message = _("Found: %(name)s. It is chosen below: save again to keep it.") % {
                    "name": found[0].name
                }
            else:
                message = ngettext(
                    "%(count)d profession matches «%(query)s»: choose it in the list below and save again.",
                    "%(count)d professions match «%(query)s»: choose one in the list below and save again.",
                    len(found),
                ) % {"count": len(found), "query": self.profession_query}
            self.add_error("profession_search", ValidationError(message, code="choose_profession"))
        return data

    def member_data(self) -> dict:
        """The cleaned values the service takes (the search box is only a way to find a profession)."""
        return {key: value for key, value in self.cleaned_data.items() if key != "profession_search"}

    @classmethod
    def initial_for(cls, member: Member) -> dict:
        return {
            "full_name": member.full_name,
            "generation": member.generation,
            "parent": member.parent_id,
            "birth_year": member.birth_year,
            "death_year": member.death_year,
            "profession_kk": member.profession_kk,
            "profession_ru": member.profession_ru,
            "profession_ref": member.profession_ref_id,
            "organization_name": member.organization_name,
            "start_year": member.start_year,
            "end_year": member.end_year,
            "awards_kk": member.awards_kk,
            "awards_ru": member.awards_ru,
        }


class StoryForm(forms.Form):
    story_kk = forms.CharField(
        label=_("The story in Kazakh"),
        required=False,
        max_length=STORY_MAX_LENGTH,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 14, "lang": "kk"}),
    )
    story_ru = forms.CharField(
        label=_("The story in Russian"),
        required=False,
        max_length=STORY_MAX_LENGTH,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 14, "lang": "ru"}),
    )


class PhotoForm(forms.Form):
    # A plain file field: enbek.images decides what is an acceptable photo and says why not.
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP. Location data and other hidden details are removed on upload."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption_kk = forms.CharField(
        label=_("Caption in Kazakh"), max_length=255, required=False, validators=[SingleLineValidator()]
    )
    caption_ru = forms.CharField(
        label=_("Caption in Russian"), max_length=255, required=False, validators=[SingleLineValidator()]
    )
    make_cover = forms.BooleanField(label=_("Use as the cover photo"), required=False)


class SubmitForm(forms.Form):
    """Only the CSRF token: the review step's button."""


# --- Moderation ------------------------------------------------------------------------------------
class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the family change?"),
        max_length=RETURN_REASON_MAX_LENGTH,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author receives this text by e-mail."),
        error_messages={"required": _("Say what the family should change.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say what the family should change."), code="required")
        return reason


# --- Challenge ------------------------------------------------------------------------------------
class ChallengeEntryForm(forms.Form):
    post_url = forms.URLField(
        label=_("Link to your post"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Instagram, TikTok, Facebook, YouTube, Telegram, VK, Threads or X."),
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    author_name = forms.CharField(
        label=_("Your name as shown on the wall"),
        max_length=200,
        required=False,
        validators=[SingleLineValidator()],
    )
    dynasty = forms.CharField(
        label=_("Dynasty on this portal"),
        max_length=500,
        required=False,
        help_text=_("Optional: the link to the dynasty's page here, if your post is about it."),
    )
    comment = forms.CharField(
        label=_("A few words about the post"),
        max_length=500,
        required=False,
        validators=[MultilineTextValidator()],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_dynasty(self) -> Dynasty | None:
        value = (self.cleaned_data.get("dynasty") or "").strip()
        if not value:
            return None
        slug = value
        if "/" in value:
            try:
                path = urlparse(value).path
            except ValueError:  # "http://[::1": not a link at all
                raise ValidationError(
                    _("No published dynasty was found at this link."), code="not_found"
                ) from None
            parts = [part for part in path.split("/") if part]
            slug = (
                parts[parts.index("dynasties") + 1]
                if "dynasties" in parts[:-1]
                else (parts[-1] if parts else "")
            )
        dynasty = dynasty_published().filter(slug=slug).first() if slug else None
        if dynasty is None:
            raise ValidationError(_("No published dynasty was found at this link."), code="not_found")
        return dynasty


class ChallengeReviewForm(forms.Form):
    """The moderator's two buttons: name="approve", value 1 (show on the wall) or 0 (reject)."""

    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Reject"))], coerce=lambda value: value == "1"
    )
