"""Small helpers for views that show a form and call one service with it."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data of a POST (even an empty one, so the form is bound and shows errors)."""
    return request.POST if request.method == "POST" else None


def apply_errors(
    form: Form, exc: ValidationError, field_names: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: field errors on their fields (renamed
    where the form calls a field differently), everything else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            name = (field_names or {}).get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
