"""Small files the interchange tests build: a real PNG, a zip of named entries, and what the
adform of `rich.rich_cadre` shows in either format."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def png(width: int = 40, height: int = 50) -> bytes:
    """A real (tiny, grey) PNG, built without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def zipped(entries: dict[str, bytes]) -> bytes:
    """A .zip holding each entry under its name."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


# Values of the rich cadre's adform, as the Word file and the PDF both print them.
RICH_ADFORM = (
    "王建华",
    "汉族",
    "河北石家庄",
    "1995.06",
    "中央党校研究生",
    "2016.03--",
    "（其间：2017.09--2019.07在中央党校",
    "妻子",
    "李秀兰",
    "已去世",
    "记三等功",
)
