"""The client's address behind a reverse proxy. `X-Forwarded-For` is believed only when the
request comes from a proxy listed in TRUSTED_PROXIES (addresses or networks): then the client is
the right-most address in it that is not itself a trusted proxy. From anyone else the header is
ignored (a client could write any address in it and escape its rate limit). Without this, behind
nginx every client shared the proxy's one rate limit (issue #28)."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The address rate limits and the login lockout count."""
    remote = request.META.get("REMOTE_ADDR", "")  # empty: a request made in-process (tests, shell)
    if not _trusted(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a proxy passed on garbage: count the proxy
    return remote
