"""Canonical article URLs: absolute, tracking parameters and fragments removed."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

# Parameters that only say where a click came from; the same article arrives with many.
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


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
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host}"
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
