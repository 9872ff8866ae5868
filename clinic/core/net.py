"""The client's IP address, used by the audit trail and by django-axes alike."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or — behind ``TRUSTED_PROXY_COUNT`` reverse proxies — the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, so a client cannot
    forge it by sending its own header)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
