"""Forms shared by the screens: login, the date widget, service errors onto a form, a unit
picker that names the heir of a unit that no longer exists."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commendations.units.models import Unit
from commendations.units.selectors import unit_not_in_force_message

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (or on the form as a whole)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit among those offered (the caller's, in force). A unit that no longer exists (a
    link or a bookmark from before a reorganisation) is refused with the unit in force that took
    over its work, in the API's words (`unit_not_in_force_message`)."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError:
            unit = Unit.objects.filter(pk=value).first() if str(value).isdigit() else None
            message = unit_not_in_force_message(unit) if unit is not None else None
            if message:
                raise ValidationError(message, code="invalid_choice") from None
            raise


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"), widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
