"""Every API error as an RFC 7807 ``application/problem+json`` body.

Bodies never echo what the client sent, never say whether a record exists, and never carry an
exception's text (which could hold personal data). Messages go through gettext, so
``Accept-Language: ur`` gives Urdu.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("rahai.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"
VALIDATION_TYPE = "urn:rahai:problem:validation"


class Problem(Schema):
    """The shape of every error response (RFC 7807)."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, list[str]] | None = None


def problem(
    status: int,
    title: str,
    detail: str = "",
    *,
    type_: str = "about:blank",
    errors: dict[str, list[str]] | None = None,
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail or title,
    }
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def validation_problem(errors: dict[str, list[str]]) -> JsonResponse:
    return problem(
        422,
        gettext("Invalid input"),
        gettext("Some fields are not valid; see errors."),
        type_=VALIDATION_TYPE,
        errors=errors,
    )


# Messages for pydantic's error types. Pydantic's own texts are English only and some of them
# quote the input, so they are replaced.
def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return gettext("This field is required.")
    if kind in ("literal_error", "enum"):
        return gettext("Choose from the list.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return gettext("Enter a valid date (YYYY-MM-DD).")
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return gettext("Enter a whole number.")
    if kind.startswith("bool"):
        return gettext("Enter true or false.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return gettext("This number is out of range.")
    if kind == "string_too_long":
        return gettext("This value is too long.")
    if kind == "string_too_short":
        return gettext("This value is too short.")
    if kind == "too_long":
        return gettext("This list has too many items.")
    if kind == "string_pattern_mismatch":
        return gettext("This value has the wrong format.")
    if kind.startswith("string"):
        return gettext("Enter text.")
    if kind.startswith("list") or kind.startswith("tuple") or kind.startswith("set"):
        return gettext("Enter a list.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return gettext("Enter an object.")
    if kind == "extra_forbidden":
        return gettext("This field is not allowed.")
    if kind == "json_invalid":
        return gettext("The request body is not valid JSON.")
    return gettext("This value is not valid.")


# Names of the operation arguments that hold a whole schema; they are not part of field names.
_ARGUMENT_NAMES = frozenset({"payload", "filters", "ninja_pagination"})
_SOURCES = frozenset({"body", "query", "path", "form", "header", "cookie", "file"})


def field_name(loc: tuple | list) -> str:
    parts = [str(part) for part in loc if not isinstance(part, int)]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] in _ARGUMENT_NAMES:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


def ninja_validation_errors(exc: NinjaValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        messages = errors.setdefault(field_name(error.get("loc", ())), [])
        message = _pydantic_message(error)
        if message not in messages:
            messages.append(message)
    return errors


def django_validation_errors(
    exc: DjangoValidationError, *, prefix: str = ""
) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        raw = {
            name: [str(message) for message in messages]
            for name, messages in exc.message_dict.items()
        }
    else:
        raw = {NON_FIELD_ERRORS: [str(message) for message in exc.messages]}
    if not prefix:
        return raw
    return {
        (prefix if name == NON_FIELD_ERRORS else f"{prefix}.{name}"): messages
        for name, messages in raw.items()
    }


def rename_errors(
    exc: DjangoValidationError, names: dict[str, str], *, prefix: str = ""
) -> DjangoValidationError:
    """Re-key a service's ValidationError with the API's field names (``person`` → ``person_id``)."""
    errors = django_validation_errors(exc)
    renamed: dict[str, list[str]] = {}
    for name, messages in errors.items():
        key = names.get(name, name)
        if prefix:
            key = prefix if key == NON_FIELD_ERRORS else f"{prefix}.{key}"
        renamed.setdefault(key, []).extend(messages)
    return DjangoValidationError(renamed)


def _on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> JsonResponse:
    return validation_problem(ninja_validation_errors(exc))


def _on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> JsonResponse:
    return validation_problem(django_validation_errors(exc))


def _on_not_found(request: HttpRequest, exc: Exception) -> JsonResponse:
    # The same answer whether the record does not exist or the user may not see it.
    return problem(404, gettext("Not found"), gettext("Not found"))


def _on_permission_denied(request: HttpRequest, exc: Exception) -> JsonResponse:
    return problem(403, gettext("Forbidden"), gettext("You may not do this."))


def _on_authentication(request: HttpRequest, exc: Exception) -> JsonResponse:
    response = problem(
        401,
        gettext("Unauthorized"),
        gettext("Send a valid API token (Authorization: Bearer …) or sign in."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="rahai"'
    return response


_HTTP_TITLES = {
    400: lambda: gettext("Bad request"),
    401: lambda: gettext("Unauthorized"),
    403: lambda: gettext("Forbidden"),
    404: lambda: gettext("Not found"),
    405: lambda: gettext("Method not allowed"),
    409: lambda: gettext("Conflict"),
    429: lambda: gettext("Too many requests"),
}

# Ninja's own HttpError messages, so they can be translated (the English text is the msgid).
_NINJA_MESSAGES = {
    "Cannot parse request body": lambda: gettext("The request body is not valid JSON."),
    "CSRF check Failed": lambda: gettext("The CSRF check failed; reload the page and try again."),
    "Too many requests.": lambda: gettext("Too many requests."),
}


def _on_http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    if isinstance(exc, AuthenticationError):
        return _on_authentication(request, exc)
    title = _HTTP_TITLES.get(exc.status_code, lambda: gettext("Error"))()
    message = str(exc)
    if message.startswith("Cannot parse request body"):
        message = "Cannot parse request body"  # in DEBUG ninja appends the parser's error
    detail = _NINJA_MESSAGES[message]() if message in _NINJA_MESSAGES else gettext(message)
    return problem(exc.status_code, title, detail)


def _on_unexpected(request: HttpRequest, exc: Exception) -> JsonResponse:
    # Log where it failed, not the exception's text or local values (they can hold personal data).
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    logger.error(
        "Unhandled %s in API %s %s\n%s",
        type(exc).__name__,
        request.method,
        getattr(request.resolver_match, "route", "?"),
        frames,
    )
    return problem(
        500,
        gettext("Server error"),
        gettext("Something went wrong on our side. The error has been logged."),
    )


def install_exception_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(Exception, _on_unexpected)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(DjangoValidationError, _on_django_validation)
    api.add_exception_handler(NinjaValidationError, _on_ninja_validation)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(AuthenticationError, _on_authentication)


def not_found_view(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Unknown paths under /api/ answer in problem+json as well."""
    return _on_not_found(request, Http404())
