"""The 干部任免审批表 in Word: content from the adform presenter, photo, on-the-spot fields."""

from __future__ import annotations

import io

import pytest
from docx import Document

from cadre.core.models import AuditEntry
from cadre.people.identity import reveal
from cadre.people.models import CadrePhoto
from tests.interchange.rich import rich_cadre
from tests.interchange.samples import RICH_ADFORM, png

pytestmark = pytest.mark.django_db


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_given_a_cadre_when_exported_to_word_then_the_adform(county, tmp_path, cli):
    c = rich_cadre(county.town_a)
    CadrePhoto.objects.filter(cadre=c).update(image=png())
    out = tmp_path / "a.docx"
    code, stdout, _ = cli(
        "export_adform",
        "--id-number",
        reveal(c.id_number_cipher),
        "--format",
        "docx",
        "--out",
        str(out),
        "--proposed",
        "某某县财政局局长",
        "--removed",
        "甲镇党委书记",
        "--reason",
        "工作需要",
    )
    assert code == 0, stdout
    doc = Document(io.BytesIO(out.read_bytes()))
    text = all_text(doc)
    assert "干部任免审批表" in text
    for expected in (
        *RICH_ADFORM,
        "1972.04（",
        "大学\n经济学学士",
        "某某县财政局局长",
        "工作需要",
        "家庭\n主要\n成员",
        "审批机关\n意见",
        "甲镇",
    ):
        assert expected in text, expected
    assert len(doc.inline_shapes) == 1
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert 'w:type="page"' in doc.element.xml
    assert AuditEntry.objects.filter(action="export", cadre_id=c.pk).count() == 1


def test_given_an_unreadable_photo_then_the_frame_says_photo(county, tmp_path, cli):
    c = rich_cadre(county.town_a)  # its photo bytes are not a decodable image
    out = tmp_path / "a.docx"
    code, _o, _ = cli("export_adform", "--id-number", reveal(c.id_number_cipher), "--out", str(out))
    assert code == 0
    assert "照片" in all_text(Document(str(out)))


def test_given_a_user_outside_scope_then_not_found(county, tmp_path, cli):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        cli(
            "export_adform",
            "--id-number",
            reveal(county.cadre_b.id_number_cipher),
            "--out",
            str(tmp_path / "a.docx"),
            "--user",
            "rsk",
        )
