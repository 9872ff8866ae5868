"""HTML to PDF with WeasyPrint, reading nothing from the network or the file system.

``LocalOnlyFetcher`` answers two kinds of address and refuses every other one (http, https,
ftp, file, data…): ``acompana:logo`` (the letterhead logo, from the private storage) and
``acompana:static/<path>`` (a file found by the static-files finders, e.g. a default logo).
A template body that names ``http://…`` or ``file:///etc/passwd`` gets nothing.

The font configuration and the print stylesheet are built once per process and reused: a
one-page PDF then takes a few tens of milliseconds.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

LOGO_URL = "acompana:logo"
STATIC_PREFIX = "acompana:static/"
PRINT_CSS = "css/pdf.css"
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


class RefusedURL(ValueError):
    """A document asked for something outside what the fetcher serves."""


def image_type(data: bytes) -> str | None:
    """The MIME type of a PNG or JPEG from its first bytes (None for anything else)."""
    for magic, mime in IMAGE_TYPES.items():
        if data.startswith(magic):
            return mime
    return None


def _static_file(relative: str) -> Path:
    if not relative or relative.startswith("/") or "\\" in relative or ".." in relative.split("/"):
        raise RefusedURL("refused")
    found = finders.find(relative)
    if not found:
        raise RefusedURL("refused")
    path = Path(found).resolve()
    roots = [Path(root).resolve() for root in settings.STATICFILES_DIRS]
    if not any(path.is_relative_to(root) for root in roots):
        raise RefusedURL("refused")
    return path


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, with every network and file handler replaced by a refusal."""

    def __init__(self, *, logo: bytes | None = None):
        super().__init__(allowed_protocols=["acompana"], allow_redirects=False)
        self._logo = logo
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url == LOGO_URL and self._logo:
            mime = image_type(self._logo)
            if mime:
                return URLFetcherResponse(url, self._logo, {"Content-Type": mime})
        elif url.startswith(STATIC_PREFIX):
            path = _static_file(url.removeprefix(STATIC_PREFIX))
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        # Only the scheme: an address typed by an administrator could hold anything.
        self.refused.append(url.split(":", 1)[0][:20])
        raise RefusedURL("refused")


@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def print_stylesheet() -> CSS:
    path = _static_file(PRINT_CSS)
    return CSS(string=path.read_text(encoding="utf-8"), font_config=font_config())


def html_to_pdf(html: str, *, logo: bytes | None = None) -> bytes:
    """Render ``html`` (a complete document) to PDF bytes with the print stylesheet."""
    fetcher = LocalOnlyFetcher(logo=logo)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    data = document.write_pdf(stylesheets=[print_stylesheet()], font_config=font_config())
    if fetcher.refused:
        logger.info("PDF rendering refused %d resource(s)", len(fetcher.refused))
    return data
