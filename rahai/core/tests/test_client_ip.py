"""The client's address: X-Forwarded-For only from a trusted proxy, right to left."""

import pytest
from django.test import RequestFactory

from rahai.core.clientip import client_ip


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.7", "1.2.3.4")) == "203.0.113.7"


def test_a_trusted_proxy_passes_on_the_client_address(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", "39.32.1.5")) == "39.32.1.5"
    # Two proxies: the nearest untrusted hop from the right is the client.
    assert client_ip(_request("127.0.0.1", "39.32.1.5, 10.1.2.3")) == "39.32.1.5"


def test_a_reporter_cannot_choose_their_own_address(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # The client claims to be 8.8.8.8; the proxy appends the real address.
    assert client_ip(_request("127.0.0.1", "8.8.8.8, 39.32.1.5")) == "39.32.1.5"
    # Someone not behind the proxy sends the header directly: not believed.
    assert client_ip(_request("203.0.113.7", "8.8.8.8")) == "203.0.113.7"


@pytest.mark.parametrize("header", ["", "not-an-ip", "39.32.1.5, garbage"])
def test_a_malformed_or_empty_header_falls_back_to_the_proxy(settings, header):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("127.0.0.1", header)) == "127.0.0.1"


def test_ipv6_proxies_and_clients(settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_ip(_request("::1", "2001:db8::5")) == "2001:db8::5"


def test_no_request_has_no_address():
    assert client_ip(None) == ""
