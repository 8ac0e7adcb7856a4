"""Limits of the interchange: sizes of files from outside, the web's LRMX export, and when a
background import counts as interrupted. Each can be set in settings (CADRE_IMPORT_*,
CADRE_LRMX_*)."""

from __future__ import annotations

from django.conf import settings

MB = 1024 * 1024

_DEFAULTS = {
    # An uploaded roster or LRMX batch (the file as received).
    "CADRE_IMPORT_MAX_BYTES": 20 * MB,
    # An xlsx is a zip: its parts unpacked, in total, and the unpacked/packed ratio.
    "CADRE_IMPORT_MAX_UNPACKED_BYTES": 400 * MB,
    "CADRE_IMPORT_MAX_RATIO": 100,
    "CADRE_IMPORT_MAX_ZIP_ENTRIES": 2000,
    # One LRMX file (a photo included) and a zip batch of them.
    "CADRE_LRMX_MAX_BYTES": 5 * MB,
    "CADRE_LRMX_MAX_ENTRIES": 1000,
    "CADRE_LRMX_MAX_UNPACKED_BYTES": 200 * MB,
    # Rows read from one workbook.
    "CADRE_IMPORT_MAX_ROWS": 200_000,
    # Cadres in one LRMX export from the web (more: the command export_lrmx).
    "CADRE_LRMX_EXPORT_MAX": 2000,
    # A batch being checked or committed without progress for this long counts as
    # interrupted (its worker died) and may be discarded.
    "CADRE_IMPORT_STALE_MINUTES": 30,
}


def limit(name: str) -> int:
    return int(getattr(settings, name, _DEFAULTS[name]))


def human(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{size / 1024:.0f} KB"
