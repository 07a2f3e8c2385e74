"""Accounts: sign-up (user names that cannot pass for another's, passwords that are more than blanks, and a
refusal that does not tell a prober which user names exist), the e-mail address that password resets go to,
and the forms that confirm a change to the account with its password."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Scripts a name may combine (the "highly restrictive" profile of Unicode TS #39): Chinese, Japanese and
# Korean names are written with Latin letters beside Han; any other mix (Latin "alice" with a Cyrillic
# "а") is how one name is made to look like another.
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
# Cyrillic and Greek letters drawn like Latin ones: a name of these alone reads as a Latin name ("аdmin").
_LATIN_LOOKALIKES = set("аеорсухіјѕһԁԛԝӏАВЕКМНОРСТХІЈЅԌοικνυταρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")
USER_NAME_CHARACTERS = "@ . + - _"


def _script(char: str) -> str | None:
    """The script of a letter ("LATIN", "HAN", "CYRILLIC" …); None for digits, marks and @.+-_."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")):
        return "HAN"
    return name.split(" ")[0].split("-")[0] or "UNKNOWN"


def user_name_problem(name: str) -> str | None:
    """Why a (NFKC-normalised) user name could pass for another one; None when it cannot."""
    scripts = {script for char in name if (script := _script(char))}
    if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES):
        return str(
            _(
                "Write the user name in one alphabet (with digits and %(characters)s): it mixes %(scripts)s letters, "
                "and letters that look alike would let it pass for another user's name."
            )
            % {"scripts": " + ".join(sorted(s.title() for s in scripts)), "characters": USER_NAME_CHARACTERS}
        )
    letters = [char for char in name if char.isalpha()]
    if letters and scripts <= {"CYRILLIC", "GREEK"} and all(char in _LATIN_LOOKALIKES for char in letters):
        return str(
            _(
                "Write the user name in Latin letters: every letter of it is a Cyrillic or Greek letter drawn like "
                "a Latin one, so it would pass for another user's name."
            )
        )
    return None


class SignupForm(UserCreationForm):
    """Whether a name is taken is told only once everything else is right, and then in the words used for
    any name that cannot be had: probing for names costs a complete sign-up, and each free name probed
    becomes an account (sign-up is throttled per address)."""

    error_messages = {
        **UserCreationForm.error_messages,
        "unavailable": _("This user name is not available: choose another one."),
    }

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")
        labels = {"email": _("E-mail address (optional)")}
        help_texts = {"email": _("Only for a link to set a new password if you forget yours.")}

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        if problem := user_name_problem(username):
            raise ValidationError(problem, code="user_name_script")
        return username  # taken or not: decided in _post_clean, last

    def validate_unique(self):
        """The model's "already exists" would answer before the rest of the form is checked."""

    def _post_clean(self):
        super()._post_clean()
        username = self.cleaned_data.get("username")
        if self.errors or not username:
            return
        if type(self.instance).objects.filter(username__iexact=username).exists():
            self.add_error("username", ValidationError(self.error_messages["unavailable"], code="unavailable"))


class NotOnlyBlanksValidator:
    """A password of spaces (or other blanks) only: long enough for the length rule, and no password."""

    def validate(self, password, user=None):
        if not password.strip():
            raise ValidationError(_("Your password cannot consist of spaces only."), code="password_only_blanks")

    def get_help_text(self):
        return _("Your password cannot consist of spaces only.")


# Reset mails leave in this thread, after the response: a page that answered later when an account has the
# address (the SMTP conversation) would tell who has an account. One thread keeps the mails in order.
MAIL_SENDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")


class AccountPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail sent in MAIL_SENDER in the language of the page that asked for it. Django
    logs a failed send (with the user id, not the address); the page says the same either way."""

    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, *args, **kwargs):
        language = translation.get_language()
        send = super().send_mail

        def send_in_language():
            with translation.override(language):
                send(*args, **kwargs)

        MAIL_SENDER.submit(send_in_language)


class PasswordConfirmedForm(forms.Form):
    """A change to the account that its password confirms: someone at an unlocked computer cannot make it."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("This is not your current password."), code="password_incorrect")
        return password


class EmailForm(PasswordConfirmedForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Where a link to set a new password is sent if you forget yours. Leave it empty to remove it."),
    )
    field_order = ["email", "password"]


class AccountDeleteForm(PasswordConfirmedForm):
    pass
