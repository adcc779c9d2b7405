"""API test helpers: a JSON client per user, signed in with a fresh API token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from rahai.accounts.services import api_token_create


@dataclass
class ApiClient:
    client: Client
    token: str | None = None

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        out = dict(headers or {})
        if self.token is not None:
            out.setdefault("Authorization", f"Bearer {self.token}")
        return out

    def get(self, path: str, params: dict[str, Any] | None = None, *, headers=None):
        return self.client.get(path, params or {}, headers=self._headers(headers))

    def _send(self, method: str, path: str, body: Any, headers):
        data = "" if body is None else json.dumps(body)
        return getattr(self.client, method)(
            path, data, content_type="application/json", headers=self._headers(headers)
        )

    def post(self, path: str, body: Any = None, *, headers=None):
        return self._send("post", path, body, headers)

    def patch(self, path: str, body: Any = None, *, headers=None):
        return self._send("patch", path, body, headers)

    def delete(self, path: str, *, headers=None):
        return self.client.delete(path, headers=self._headers(headers))

    def request(self, method: str, path: str, body: Any = None):
        if method == "get":
            return self.get(path)
        if method == "delete":
            return self.delete(path)
        return self._send(method, path, body, None)


@pytest.fixture
def api_as():
    """``api_as(world.owner)`` → a client sending that user's bearer token; ``api_as(None)``
    → an anonymous client."""

    def _make(user) -> ApiClient:
        if user is None:
            return ApiClient(Client())
        _token, raw = api_token_create(user=user, name="tests")
        return ApiClient(Client(), raw)

    return _make
