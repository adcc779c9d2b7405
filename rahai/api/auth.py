"""Who is calling: a bearer API token (the main way) or the signed-in web session (for /api/docs)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from rahai.accounts.services import api_token_user
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.core import ratelimit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Real tokens are "rh_" plus 43 characters; anything far longer is not worth hashing.
MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rh_…``. A header that is present but wrong is audited and refused
    outright (no falling back to the session), and the token itself is never recorded."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            return None  # no token: let the session try
        scheme, _sep, raw = header.strip().partition(" ")
        raw = raw.strip()
        user = None
        if ratelimit.is_blocked("api-token", client_ip(request)):
            raise HttpError(429, gettext("Too many failed attempts; try again later."))
        if scheme.lower() == self.openapi_scheme and raw and len(raw) <= MAX_TOKEN_LENGTH:
            user = self.authenticate(request, raw)
        if user is None:
            ip = client_ip(request)
            if ratelimit.record_failure("api-token", ip) <= ratelimit.MAX_FAILURES:
                audit_record(
                    action=AuditAction.API_AUTH_FAILED, object_type="api_token", ip_address=ip
                )
            raise AuthenticationError
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is not None:
            # The rest of the stack (NoStoreMiddleware, language) looks at request.user.
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The Django session, with Django's CSRF check on unsafe methods.

    Unlike ninja's ``django_auth``, a request without a signed-in session is simply not
    authenticated by this method (a 401), rather than failing the CSRF check (a 403).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, gettext("The CSRF check failed: reload the page and try again."))
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


token_auth = TokenAuth()
session_auth = SessionAuth()
