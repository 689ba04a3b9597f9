"""Forms of the core. They shape and validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hiring.models import Practice, User, normalize_email
from hiring.roles import Role
from hiring.services import practice_slug_is_free, practice_slug_suggest

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}

PRACTICE_PROFILE_FIELDS = ["name", "street", "city", "state", "postal_code", "country",
                           "timezone", "phone", "email", "website", "logo", "careers_intro",
                           "brand_color"]


class PracticeProfileForm(forms.ModelForm):
    """The practice's profile; the web address (slug) is chosen once, at sign-up."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Practice
        fields = PRACTICE_PROFILE_FIELDS
        widgets = {
            "brand_color": forms.TextInput(attrs={"type": "color"}),
            "careers_intro": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "image"):  # a new upload, already opened by Pillow
            if logo.size > LOGO_MAX_BYTES:
                raise ValidationError(_("The logo is larger than 2 MB. Please upload a smaller "
                                        "image."))
            if logo.image.format not in LOGO_FORMATS:
                raise ValidationError(_("Upload the logo as a PNG, JPEG or WebP image."))
        return logo

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()


class PracticeCreateForm(PracticeProfileForm):
    slug = forms.SlugField(
        label=_("Web address"), max_length=60, required=False,
        help_text=_("Your careers page will be at /careers/your-address/. Leave empty to "
                    "make one from the practice name."))

    class Meta(PracticeProfileForm.Meta):
        fields = ["name", "slug", *PRACTICE_PROFILE_FIELDS[1:]]

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or practice_slug_suggest(
            self.data.get(self.add_prefix("name"), ""))
        if not practice_slug_is_free(slug):
            raise ValidationError(_("This web address is taken. “%(s)s” is free.")
                                  % {"s": practice_slug_suggest(slug)})
        return slug


class AccountForm(forms.Form):
    """The owner's own account, made together with the practice at sign-up."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail address"))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."))

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise ValidationError(_("An account with this e-mail address already exists. Log "
                                    "in, then add a practice from the menu."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password"):
            probe = User(email=data.get("email", ""), full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(data["password"], probe)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class NewPasswordForm(forms.Form):
    """Name and password for someone who accepts an invitation without having an account."""

    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    password = forms.CharField(label=_("Choose a password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password"):
            probe = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(data["password"], probe)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(
        attrs={"autofocus": True, "autocomplete": "email"}))

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match. Passwords are "
                           "case-sensitive."),
    }


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(
        attrs={"autocomplete": "email", "autofocus": True}))


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.INTERVIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
