"""The address a request really came from, for rate limits and the audit log.

Behind a reverse proxy (nginx, a load balancer) every request arrives from the proxy's address,
so all reporters would share one rate-limit bucket and the audit log would name the proxy.
``RAHAI_TRUSTED_PROXIES`` lists the proxies (addresses or networks, e.g.
``127.0.0.1,10.0.0.0/8``); only when the request comes from one of them is
``X-Forwarded-For`` read, right to left, skipping further trusted proxies. The header is
never believed from anyone else: a reporter could otherwise choose their own bucket.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(_address(remote), networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            return remote  # a malformed header: fall back to what we know
        if not _trusted(address, networks):
            return str(address)
    return remote
