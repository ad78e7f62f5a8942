"""Canonical article URLs: absolute, tracking parameters and fragments removed."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

# Parameters that only say where a click came from; the same article arrives with many.
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# What stays as it is in a path and a query: RFC 3986's unreserved and reserved characters
# and "%" (already encoded), so a link that was fine is not changed.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_ASCII_HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|[0-9a-f:.]+"
)


def _is_tracking(pair: str) -> bool:
    name = pair.split("=", 1)[0].lower()
    return name.startswith("utm_") or name in _TRACKING_PARAMS


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The form of `url` two mentions of one article share, or None if it is not http(s).

    The query is filtered pair by pair without re-encoding, so `%2F` and `+` stay as sent.
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    if base and not url.lower().startswith(("http://", "https://")):
        url = urljoin(base.strip(), url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = _host(parts.hostname.lower())
    if host is None:
        return None  # "exa mple.org", "<script>": no host a link can name
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host}"
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    # Quotes, angle brackets, spaces and non-ASCII letters percent-encoded, as a browser
    # sends them: a link is stored and sent only in a form no markup can be broken by.
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    return urlunsplit((scheme, netloc, path, quote(query, safe=_QUERY_SAFE), ""))


def _host(host: str) -> str | None:
    """The host as a link may name it: ASCII letters, digits, dots and hyphens (an
    internationalised name in its IDNA form), or an IP literal; None otherwise."""
    if _ASCII_HOST.fullmatch(host):
        return host
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return encoded if _ASCII_HOST.fullmatch(encoded) else None
