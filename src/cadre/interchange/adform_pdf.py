"""The 干部任免审批表 as PDF (FORMS.md §1): two A4 pages per cadre, laid out by WeasyPrint from
templates/interchange/adform_pdf.html and static/interchange/adform_pdf.css, with the values of
the sheet the Word file prints too (`adform_sheet`: the adform presenter's, as on the profile
page, with 拟任职务 / 拟免职务 / 任免理由 / 呈报单位 filled in on the spot).

Chinese glyphs come from a CJK font embedded (as a subset) in the file: the .ttf/.otf/.ttc
files of CADRE_PDF_FONT_DIR first, then "Noto Serif CJK SC", then "Noto Sans CJK SC" as
fontconfig finds them (Debian: fonts-noto-cjk). Without such a font, or without Pango (which
WeasyPrint needs), the export is refused with a Chinese message instead of printing boxes.
The renderer opens no URL but data: (the photo) and the font files of CADRE_PDF_FONT_DIR.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import logging
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, Unpack

from django.conf import settings
from django.template.loader import render_to_string

from cadre.core.actors import Actor
from cadre.interchange.adform_sheet import AdformSheet, FillIns, export_sheet
from cadre.interchange.errors import InterchangeRefused
from cadre.people.models import Cadre

log = logging.getLogger(__name__)

FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
PROBE = "干部任免审批表简历"  # characters a font must have to count as Chinese
STYLESHEET = Path(__file__).parent / "static" / "interchange" / "adform_pdf.css"
TEMPLATE = "interchange/adform_pdf.html"

# The 简历 cell (120 mm high, 158 mm wide less 9 em of dates) at each size the stylesheet
# offers: (CSS class, width of the text in em, lines that fit), with a little to spare for
# line breaking. A resume that does not fit at the smallest size continues on a further
# page rather than being cut.
RESUME_SIZES = (("", 32, 21), ("resume-small", 36, 25), ("resume-smaller", 42, 29))


class PdfUnavailable(InterchangeRefused):
    """This machine cannot produce the PDF (no Pango, or no Chinese font); nothing was written."""


class PdfSheet(AdformSheet):
    """A sheet as the template lays it out: with the photo as a data: URI and the type size
    at which its 简历 fits."""

    @classmethod
    def of(cls, sheet: AdformSheet) -> PdfSheet:
        return cls(**{f.name: getattr(sheet, f.name) for f in fields(sheet)})

    @property
    def photo_src(self) -> str | None:
        return photo_uri(self.photo) if self.photo else None

    @property
    def resume_class(self) -> str:
        return resume_size(line.text for line in self.form.resume)


def resume_size(texts: Iterable[str]) -> str:
    """The stylesheet class at which the resume lines fit the 简历 cell (see RESUME_SIZES)."""
    widths = [sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text) for text in texts]
    for css_class, width, lines in RESUME_SIZES:
        if sum(max(1, math.ceil(w / width)) for w in widths) <= lines:
            return css_class
    return RESUME_SIZES[-1][0]


def export_adform_pdf(
    *, cadre: Cadre, actor: Actor, at: dt.date | None = None, **fill_ins: Unpack[FillIns]
) -> bytes:
    """The adform of a cadre the caller read through the actor's scope, as PDF; audited as
    an export. Raises PdfUnavailable (before reading anything)."""
    require_pdf()
    return export_sheet(
        lambda sheet: render_pdf([sheet]), "pdf", cadre=cadre, actor=actor, at=at, **fill_ins
    )


def render_html(sheets: Sequence[AdformSheet]) -> str:
    """The HTML the PDF is laid out from."""
    return render_to_string(TEMPLATE, {"sheets": [PdfSheet.of(s) for s in sheets]})


def render_pdf(sheets: Sequence[AdformSheet]) -> bytes:
    """One PDF holding each sheet's two pages, in order."""
    require_pdf()
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    faces = font_faces(font_dir())
    fetcher = local_fetcher(faces)
    font_config = FontConfiguration()
    html = render_html(sheets)
    stylesheets = [
        weasyprint.CSS(string=css, font_config=font_config, url_fetcher=fetcher)
        for css in (STYLESHEET.read_text(encoding="utf-8"), font_css(faces))
    ]
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=stylesheets, font_config=font_config)
    return pdf


# ---- what the machine needs ----


def require_pdf() -> None:
    """Refuse (PdfUnavailable, Chinese message) when this machine cannot print the form."""
    _weasyprint()
    if not font_faces(font_dir()) and system_cjk_font() is None:
        raise PdfUnavailable(
            "本机没有可用的中文字体，无法生成PDF（否则汉字会显示为方框）。请系统管理员安装"
            "Noto CJK字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），或在"
            "CADRE_PDF_FONT_DIR指定的目录中放入中文字体文件；在此之前请改用Word格式"
        )


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its libraries are missing
        log.warning("WeasyPrint cannot be loaded: %s", exc)
        raise PdfUnavailable(
            "本机缺少生成PDF所需的排版组件（WeasyPrint/Pango），无法导出PDF；"
            "请系统管理员安装 libpango-1.0-0 和 libpangoft2-1.0-0，在此之前请改用Word格式"
        ) from exc
    return weasyprint


def font_dir() -> Path | None:
    """CADRE_PDF_FONT_DIR from settings, else from the environment; None when unset."""
    value = getattr(settings, "CADRE_PDF_FONT_DIR", None) or os.environ.get(
        "CADRE_PDF_FONT_DIR", ""
    )
    return Path(value) if value else None


@functools.cache
def font_faces(directory: Path | None) -> tuple[Path, ...]:
    """The font files of the directory that have Chinese glyphs, by name (checked once)."""
    if directory is None or not directory.is_dir():
        return ()
    files = sorted(
        p for p in directory.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.is_file()
    )
    return tuple(p.resolve() for p in files if covers_chinese(p))


@functools.cache
def system_cjk_font() -> str | None:
    """The file fontconfig picks for the form's families and Chinese, if it has the glyphs.

    Asked once per process: a font installed later is seen after a restart."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = ffi.gc(fontconfig.FcInitLoadConfigAndFonts(), fontconfig.FcConfigDestroy)
    pattern = ffi.gc(fontconfig.FcPatternCreate(), fontconfig.FcPatternDestroy)
    for family in FAMILIES:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
    fontconfig.FcPatternAddString(pattern, b"lang", b"zh-cn")
    fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
    fontconfig.FcDefaultSubstitute(pattern)
    result = ffi.new("FcResult *")
    match = fontconfig.FcFontMatch(config, pattern, result)
    if match == ffi.NULL:
        return None
    match = ffi.gc(match, fontconfig.FcPatternDestroy)
    value = ffi.new("FcChar8 **")
    if fontconfig.FcPatternGetString(match, b"file", 0, value) != fontconfig.FcResultMatch:
        return None
    path = os.fsdecode(ffi.string(value[0]))
    return path if covers_chinese(Path(path)) else None


def covers_chinese(path: Path) -> bool:
    """Whether the font (the first of a collection) has glyphs for the PROBE characters."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception as exc:  # any unreadable file is simply not a usable font
        log.warning("font %s cannot be read: %s", path, exc)
        return False
    return all(ord(ch) in cmap for ch in PROBE)


def font_css(faces: Sequence[Path]) -> str:
    """@font-face rules for the directory's fonts, put before the system families."""
    names = [f"cadre-pdf-{i}" for i in range(len(faces))]
    rules = [
        f'@font-face {{ font-family: "{name}"; src: url("{face.as_uri()}"); }}'
        for name, face in zip(names, faces, strict=True)
    ]
    families = ", ".join([*(f'"{n}"' for n in names), *(f'"{f}"' for f in FAMILIES), "serif"])
    rules.append(f"body {{ font-family: {families}; }}")
    return "\n".join(rules)


def photo_uri(data: bytes) -> str | None:
    """The photo as a data: URI, or None when it is not an image that can be decoded (the
    frame then says 照片, as in the Word file)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = (image.format or "").lower()
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if kind not in ("jpeg", "png"):
        return None
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def local_fetcher(files: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that opens data: URIs and the given font files, nothing else."""
    allowed = {f.as_uri() for f in files}

    class LocalFetcher(_weasyprint().URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not (url.startswith("data:") or url in allowed):
                raise ValueError(f"不允许读取：{url[:80]}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("data", "file"))
