"""File names of exports: one cleaner, one rule for namesakes in an LRMX zip (command and
web alike): "张伟.lrmx", "张伟(2).lrmx", "张伟(3).lrmx"."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from cadre.interchange.export import safe_file_name
from cadre.interchange.lrmx.export import entry_name
from tests.factories import make_cadre


def test_safe_file_name_replaces_reserved_characters_and_falls_back():
    assert safe_file_name('a/b\\c:d*e?f"g<h>i|j\x00k\x7f') == "a_b_c_d_e_f_g_h_i_j_k_"
    assert safe_file_name("  干部名册  ") == "干部名册"
    assert safe_file_name("   ") == "未命名"
    assert safe_file_name("", fallback="干部") == "干部"


def test_entry_names_number_namesakes_as_windows_does():
    used: dict[str, int] = {}
    names = [entry_name(n, used) for n in ("张伟", "李娜", "张伟", "张伟", "a/b", "a/b", " ")]
    assert names == [
        "张伟.lrmx",
        "李娜.lrmx",
        "张伟(2).lrmx",
        "张伟(3).lrmx",
        "a_b.lrmx",
        "a_b(2).lrmx",
        "未命名.lrmx",
    ]


def _namesakes(county) -> None:
    make_cadre(county.town_a, "张建国", birth=dt.date(1979, 1, 2))
    make_cadre(county.town_b, "张建国", birth=dt.date(1978, 3, 4))


@pytest.mark.django_db
def test_command_and_web_name_namesakes_alike(county, tmp_path, cli, login):
    _namesakes(county)
    expected = ["张建国(2).lrmx", "张建国(3).lrmx", "张建国.lrmx", "李秀英.lrmx"]
    out = tmp_path / "u.zip"
    code, _o, _ = cli("export_lrmx", "--unit", "C001", "--out", str(out))
    assert code == 0
    assert sorted(zipfile.ZipFile(out).namelist()) == expected
    response = login("zzb").get("/interchange/lrmx/export/", {"unit": "C001"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert sorted(zipfile.ZipFile(io.BytesIO(content)).namelist()) == expected
