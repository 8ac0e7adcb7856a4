"""The 干部任免审批表 as PDF: two A4 pages per cadre, a Chinese font embedded, the presenter's
values, scope and audit like the Word file, and a clear refusal when the machine lacks a
Chinese font or Pango."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zlib
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from cadre.core.actors import Actor
from cadre.core.models import AuditEntry
from cadre.interchange import adform_pdf
from cadre.interchange.adform_pdf import (
    PdfSheet,
    PdfUnavailable,
    local_fetcher,
    photo_uri,
    render_html,
    render_pdf,
    require_pdf,
    resume_size,
)
from cadre.interchange.adform_sheet import adform_sheet
from cadre.people.identity import reveal
from cadre.people.models import CadrePhoto, ResumeEntry
from tests.interchange.rich import rich_cadre
from tests.interchange.samples import RICH_ADFORM, png

pytestmark = pytest.mark.django_db


def _missing(check) -> str:
    try:
        check()
    except PdfUnavailable as exc:
        return str(exc)
    return ""


_NO_PDF = _missing(require_pdf)
_NO_WEASYPRINT = _missing(adform_pdf._weasyprint)
needs_pdf = pytest.mark.skipif(
    bool(_NO_PDF), reason=f"本机不能生成PDF（以root运行 make browsers 安装）：{_NO_PDF}"
)
needs_weasyprint = pytest.mark.skipif(
    bool(_NO_WEASYPRINT), reason=f"WeasyPrint不可用（缺少Pango）：{_NO_WEASYPRINT}"
)
SYSTEM_SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture
def no_font(monkeypatch, settings):
    """A machine where fontconfig finds no Chinese font and no font directory is set."""
    settings.CADRE_PDF_FONT_DIR = ""
    monkeypatch.delenv("CADRE_PDF_FONT_DIR", raising=False)
    monkeypatch.setattr(adform_pdf, "system_cjk_font", lambda: None)


def inflated(pdf: bytes) -> bytes:
    """The PDF with its Flate streams inflated, so that object streams (where WeasyPrint puts
    the page and font dictionaries) and the fonts' ToUnicode maps can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        inflater = zlib.decompressobj()
        try:
            parts.append(inflater.decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pages(objects: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", objects))


def unicode_mapped(objects: bytes) -> set[str]:
    """Every character the embedded fonts' ToUnicode maps can give back as text."""
    chars: set[str] = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", objects, re.S):
        for target in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", block):
            chars.add(bytes.fromhex(target.decode()).decode("utf-16-be", "replace"))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", objects, re.S):
        for lo, hi, start in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            first = int(start, 16)
            chars.update(chr(first + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return chars


def export(cli, cadre, out: Path, *extra: str):
    return cli(
        "export_adform",
        "--id-number",
        reveal(cadre.id_number_cipher),
        "--format",
        "pdf",
        "--out",
        str(out),
        *extra,
    )


@needs_pdf
def test_given_a_cadre_when_exported_to_pdf_then_two_a4_pages_with_a_chinese_font(
    county, tmp_path, cli
):
    c = rich_cadre(county.town_a)
    CadrePhoto.objects.filter(cadre=c).update(image=png())
    out = tmp_path / "a.pdf"
    code, stdout, _ = export(cli, c, out, "--proposed", "某某县财政局局长", "--reason", "工作需要")
    assert code == 0, cli.err
    assert "已导出王建华的干部任免审批表" in stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    objects = inflated(data)
    assert pages(objects) == 2
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+595\.\d*\s+841\.\d*\s*\]", objects)
    assert re.search(rb"/FontFile[23]?\b", objects)  # the font is embedded, not referenced
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+Noto-?Serif-?CJK", objects)
    assert re.search(rb"/Subtype\s*/Image", objects)  # the photo
    text = unicode_mapped(objects)
    for expected in (
        "王建华",
        "干部任免审批表",
        "某某县财政局局长",
        "工作需要",
        "李秀兰",
        "记三等功",
    ):
        assert set(expected) <= text, expected
    assert "王建华".encode("utf-16-be").hex().upper().encode() in objects.upper()  # /Title
    entry = AuditEntry.objects.get(action="export", cadre_id=c.pk)
    assert entry.note == "导出干部任免审批表（pdf）"


def test_the_pdf_shows_the_presenters_values_and_the_fill_ins(county):
    c = rich_cadre(county.town_a)
    CadrePhoto.objects.filter(cadre=c).update(image=png())
    sheet = adform_sheet(
        cadre=c,
        actor=Actor(county.users["zzb"]),
        proposed="某某县财政局局长",
        removed="甲镇党委书记",
        reason="工作需要",
        reporting_unit="中共某某县委组织部",
    )
    html = render_html([sheet])
    form = sheet.form
    for expected in (
        *RICH_ADFORM,
        form.birth,  # 1972.04（…岁）: the presenter's text, not computed again
        "大学<br>经济学学士",
        "某某县财政局局长",
        "甲镇党委书记",
        "工作需要",
        "中共某某县委组织部",
        form.assessments,
        form.retire_month,
        "审批机关",
        "行政机关",
        f"填表人：{county.users['zzb'].display_name or 'zzb'}",
        "data:image/png;base64,",
    ):
        assert expected and expected in html, expected
    assert html.count('class="page page-1"') == 1 and html.count('class="page page-2"') == 1


@needs_pdf
def test_given_several_cadres_then_one_pdf_with_two_pages_each(county):
    actor = Actor(None)
    sheets = [
        adform_sheet(cadre=rich_cadre(county.town_a), actor=actor),
        adform_sheet(cadre=county.cadre_b, actor=actor),
    ]
    assert pages(inflated(render_pdf(sheets))) == 4


@needs_pdf
@pytest.mark.parametrize(
    ("entries", "text", "expected_pages"),
    [
        (22, "某某县某某乡镇党委副书记、政府乡长", 2),  # fits at the smallest size
        (24, "某某县某某乡镇党委副书记、政府乡长、人大主席团主席（正科级）" * 2, 3),
    ],
    ids=["fits-at-the-smallest-size", "too-long-for-two-pages"],
)
def test_given_a_long_resume_then_smaller_type_and_nothing_cut(
    county, entries, text, expected_pages
):
    c = rich_cadre(county.town_a)
    for i in range(entries):
        ResumeEntry.objects.create(
            cadre=c,
            started_on=dt.date(1960 + i, 1, 1),
            ended_on=dt.date(1961 + i, 1, 1),
            text=text,
            sort=10 + i,
        )
    sheet = adform_sheet(cadre=c, actor=Actor(None))
    assert PdfSheet.of(sheet).resume_class == "resume-smaller"
    objects = inflated(render_pdf([sheet]))
    assert pages(objects) == expected_pages  # a resume too long continues on a further page
    assert set(text) <= unicode_mapped(objects)


def test_resume_size_steps_down_as_the_resume_grows():
    assert resume_size(["河北大学经济系经济学专业学习"] * 10) == ""
    assert resume_size(["某" * 40] * 12) == "resume-small"  # 24 printed lines
    assert resume_size(["某" * 40] * 15) == "resume-smaller"  # 30 printed lines
    assert resume_size(["某" * 40] * 60) == "resume-smaller"  # continues on a further page


@needs_pdf
@pytest.mark.skipif(not SYSTEM_SANS.exists(), reason="fonts-noto-cjk 未安装")
def test_fonts_in_cadre_pdf_font_dir_come_first(county, tmp_path, settings):
    (tmp_path / "sans.ttc").symlink_to(SYSTEM_SANS)
    (tmp_path / "readme.txt").write_text("不是字体")
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    settings.CADRE_PDF_FONT_DIR = str(tmp_path)
    sheet = adform_sheet(cadre=county.cadre_a, actor=Actor(None))
    objects = inflated(render_pdf([sheet]))
    # fonts from the directory are named after their @font-face family in the PDF
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+cadre-pdf-0", objects)
    assert not re.search(rb"/BaseFont\s*/[A-Z]{6}\+Noto-?Serif-?CJK", objects)


@needs_weasyprint
def test_given_no_chinese_font_then_the_command_exits_2_and_writes_nothing(
    county, tmp_path, cli, no_font
):
    out = tmp_path / "a.pdf"
    code, _o, _ = export(cli, county.cadre_a, out)
    assert code == 2
    assert "没有可用的中文字体" in cli.err and "fonts-noto-cjk" in cli.err
    assert not out.exists()
    assert not AuditEntry.objects.filter(action="export").exists()


@needs_weasyprint
def test_given_no_chinese_font_then_the_page_says_why(county, client, no_font):
    client.force_login(county.users["rsk"])
    response = client.get(f"/interchange/adform/{county.cadre_a.pk}.pdf?proposed=局长")
    assert response.status_code == 503
    body = response.content.decode()
    assert "没有可用的中文字体" in body
    assert f"/interchange/adform/{county.cadre_a.pk}.docx?proposed=" in body
    assert not AuditEntry.objects.filter(action="export").exists()


def test_given_no_pango_then_pdf_is_refused_with_a_chinese_message(county, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    with pytest.raises(PdfUnavailable, match="Pango"):
        require_pdf()


@needs_weasyprint
def test_a_font_directory_without_chinese_fonts_does_not_count(tmp_path, settings, no_font):
    (tmp_path / "broken.otf").write_bytes(b"OTTO" + b"\x00" * 64)
    settings.CADRE_PDF_FONT_DIR = str(tmp_path)
    with pytest.raises(PdfUnavailable, match="CADRE_PDF_FONT_DIR"):
        require_pdf()


@needs_pdf
def test_the_web_download_is_scoped_and_audited(county, client):
    client.force_login(county.users["rsk"])
    a, b = county.cadre_a.pk, county.cadre_b.pk
    response = client.get(f"/interchange/adform/{a}.pdf?proposed=局长&reason=工作需要")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert pages(inflated(response.content)) == 2
    assert client.get(f"/interchange/adform/{b}.pdf").status_code == 404
    entries = AuditEntry.objects.filter(action="export")
    assert [(e.cadre_id, e.actor_name) for e in entries] == [(a, "rsk")]


def test_the_profile_offers_the_pdf_beside_the_word_file(county, client):
    client.force_login(county.users["rsk"])
    body = client.get(f"/cadres/{county.cadre_a.pk}/").content.decode()
    assert f"/interchange/adform/{county.cadre_a.pk}.docx" in body
    assert f'href="/interchange/adform/{county.cadre_a.pk}.pdf">导出任免审批表（PDF）' in body


def test_a_user_outside_scope_cannot_export_by_command(county, tmp_path, cli):
    with pytest.raises(CommandError):
        export(cli, county.cadre_b, tmp_path / "a.pdf", "--user", "rsk")
    assert not (tmp_path / "a.pdf").exists()


def test_a_photo_goes_in_only_when_it_can_be_decoded():
    assert (photo_uri(png()) or "").startswith("data:image/png;base64,")
    assert photo_uri(b"\xff\xd8\xff\xe0 not really a jpeg") is None
    assert photo_uri(b"GIF89a") is None


@needs_weasyprint
def test_the_renderer_opens_no_url_but_data_and_the_chosen_fonts(tmp_path):
    font = tmp_path / "a.ttf"
    font.write_bytes(b"x")
    fetcher = local_fetcher([font])
    assert fetcher(font.as_uri()).read() == b"x"
    assert fetcher("data:text/plain;base64,eA==").read() == b"x"
    for url in (
        "http://example.com/a.css",
        (tmp_path / "other.ttf").as_uri(),
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="不允许读取"):
            fetcher(url)
