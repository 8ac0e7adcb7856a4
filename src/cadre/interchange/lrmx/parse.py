"""Reading LRMX files from outside: untrusted XML.

defusedxml refuses DTDs, entity declarations and external references; files are capped in
size; a batch is a .zip of .lrmx files with its entry count and unpacked size capped.
Missing newer elements, unknown elements and empty or self-closing elements are accepted;
ordinary and full-width white space around values is stripped."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.limits import human, limit
from cadre.interchange.lrmx.schema import FAMILY, FAMILY_ITEM, TEXT_ELEMENTS, LrmxPerson
from cadre.interchange.readers import guard

_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_\-]+)[\"'][^>]*\?>")
_STRIP = " \t\r\n\u3000\u00a0\ufeff"
_KNOWN = frozenset(TEXT_ELEMENTS) | {FAMILY}


def _clean(value: str | None) -> str:
    return (value or "").strip(_STRIP)


def _decode(data: bytes, name: str) -> str | bytes:
    """Expat reads UTF-8/UTF-16 itself; GB2312/GBK/GB18030 files are decoded here."""
    m = _DECL.match(data)
    if m and m[1].lower().replace(b"_", b"-") in (b"gb2312", b"gbk", b"gb18030", b"cp936"):
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise InterchangeRefused(f"文件“{name}”的编码与声明不符") from exc
        return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    return data


def parse_lrmx(data: bytes, name: str = "文件.lrmx") -> LrmxPerson:
    """One LRMX file → LrmxPerson; InterchangeRefused (Chinese message) for anything else."""
    guard.check_size(len(data), name, "CADRE_LRMX_MAX_BYTES")
    try:
        root = fromstring(
            _decode(data, name), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise InterchangeRefused(f"文件“{name}”含有DTD或实体声明，出于安全原因拒绝读取") from exc
    except (ParseError, ValueError, UnicodeError, LookupError) as exc:
        raise InterchangeRefused(f"文件“{name}”不是有效的LRMX（XML）文件") from exc
    if _local(root.tag) != "Person":
        raise InterchangeRefused(f"文件“{name}”不是任免审批表LRMX文件（根元素应为Person）")
    person = LrmxPerson()
    for child in root:
        tag = _local(child.tag)
        if tag == FAMILY:
            person.family.extend(_family(child))
        elif tag in _KNOWN:
            person.values[tag] = _clean(child.text)
        else:
            person.unknown.append(tag)
    return person


def _local(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]


def _family(element: Element) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for item in element:
        if _local(item.tag) != "Item":
            continue
        row = {k: "" for k in FAMILY_ITEM}
        for field in item:
            tag = _local(field.tag)
            if tag in row:
                row[tag] = _clean(field.text)
        if any(row.values()):
            rows.append(row)
    return rows


def _entry_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def read_lrmx_files(data: bytes, name: str) -> list[tuple[str, bytes]]:
    """The .lrmx files in an upload: the file itself, or the entries of a .zip batch."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".lrmx", ".xml", ".zip"):
        raise InterchangeRefused(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请上传 .lrmx 或 .zip 文件"
        )
    if suffix != ".zip":
        guard.check_size(len(data), name, "CADRE_LRMX_MAX_BYTES")
        return [(name, data)]
    guard.check_size(len(data), name)
    zf = guard.safe_zip(
        data,
        name,
        max_entries=limit("CADRE_LRMX_MAX_ENTRIES"),
        max_unpacked=limit("CADRE_LRMX_MAX_UNPACKED_BYTES"),
        max_ratio=limit("CADRE_IMPORT_MAX_RATIO"),
        max_entry=limit("CADRE_LRMX_MAX_BYTES"),
    )
    files: list[tuple[str, bytes]] = []
    for info in zf.infolist():
        entry = _entry_name(info)
        if info.is_dir() or not entry.lower().endswith(".lrmx"):
            continue
        if info.file_size > limit("CADRE_LRMX_MAX_BYTES"):
            raise InterchangeRefused(f"“{entry}”大小超过上限{human(limit('CADRE_LRMX_MAX_BYTES'))}")
        files.append((PurePath(entry).name, zf.read(info)))
    if not files:
        raise InterchangeRefused(f"压缩文件“{name}”中没有 .lrmx 文件")
    return files
