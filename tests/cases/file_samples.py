"""Sample files for the upload tests, built in memory (synthetic data only)."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION, DATETIME = 0x010F, 0x0110, 0x0112, 0x0132
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="19,25.7N"/></rdf:RDF>'
    b"</x:xmpmeta>"
)

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


def gps_exif() -> Image.Exif:
    """EXIF with a camera, a date, an orientation (rotate 90°) and a GPS position in Mexico
    City."""
    exif = Image.Exif()
    exif[MAKE] = "Camara de prueba"
    exif[MODEL] = "Modelo 1"
    exif[DATETIME] = "2026:11:20 10:00:00"
    exif[ORIENTATION] = 6
    exif[GPS_IFD] = {
        1: "N",
        2: (19.0, 25.0, 42.0),
        3: "W",
        4: (99.0, 7.0, 39.0),
    }
    return exif


def jpeg_with_gps(width: int = 40, height: int = 20) -> bytes:
    """A JPEG whose metadata says where it was taken (EXIF GPS, XMP) plus a comment."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 2, height))
    output = io.BytesIO()
    image.save(
        output,
        format="JPEG",
        exif=gps_exif().tobytes(),
        xmp=XMP,
        comment=b"Casa de Rosa, calle 5",
    )
    return output.getvalue()


def png_with_metadata(width: int = 8, height: int = 6) -> bytes:
    """A PNG with text chunks (tEXt, iTXt), an eXIf chunk with GPS, and XMP."""
    image = Image.new("RGBA", (width, height), (10, 120, 10, 200))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Rosa Elena")
    info.add_text("Comment", "Tomada en el albergue", zip=True)
    info.add_itxt("Description", "Ubicación: albergue", lang="es")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info, exif=gps_exif().tobytes())
    return output.getvalue()


def plain_png(width: int = 4, height: int = 3) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (255, 255, 255)).save(output, format="PNG")
    return output.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` by ``height`` pixels (a decompression bomb's
    first bytes); the header's checksum is right, so only the size gives it away."""
    data = bytearray(plain_png())
    ihdr = 8  # after the signature: length (4), b"IHDR" (4), data (13), CRC (4)
    struct.pack_into(">II", data, ihdr + 8, width, height)
    crc = zlib.crc32(bytes(data[ihdr + 4 : ihdr + 8 + 13]))
    struct.pack_into(">I", data, ihdr + 8 + 13, crc)
    return bytes(data)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
