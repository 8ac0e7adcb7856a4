"""Checks before any parser sees a file from outside: size, type by content, encryption,
and zip bombs (an xlsx is a zip: its unpacked size and ratio are checked, by unpacking)."""

from __future__ import annotations

import io
import zipfile

from cadre.interchange.errors import InterchangeRefused
from cadre.interchange.limits import human, limit

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1024 * 1024


def check_size(size: int, name: str, setting: str = "CADRE_IMPORT_MAX_BYTES") -> None:
    cap = limit(setting)
    if size > cap:
        raise InterchangeRefused(f"文件“{name}”大小为{human(size)}，超过上限{human(cap)}")
    if size == 0:
        raise InterchangeRefused(f"文件“{name}”是空文件")


def is_encrypted_ole(data: bytes) -> bool:
    """Office encrypts an xlsx by wrapping it in an OLE file with an EncryptedPackage stream."""
    return data.startswith(OLE_MAGIC) and (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    )


def safe_zip(
    data: bytes,
    name: str,
    *,
    max_entries: int,
    max_unpacked: int,
    max_ratio: int,
    max_entry: int | None = None,
) -> zipfile.ZipFile:
    """Open a zip after checking entry count, declared and actual unpacked sizes, and ratio."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InterchangeRefused(f"文件“{name}”已损坏，无法打开") from exc
    if len(infos) > max_entries:
        raise InterchangeRefused(f"压缩文件“{name}”包含{len(infos)}个条目，超过上限{max_entries}个")
    declared = sum(i.file_size for i in infos)
    if declared > max_unpacked:
        raise InterchangeRefused(
            f"文件“{name}”解压后达{human(declared)}，超过上限{human(max_unpacked)}（疑似压缩炸弹）"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise InterchangeRefused(f"文件“{name}”已加密，请先取消密码保护")
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        entry = 0
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    entry += len(chunk)
                    total += len(chunk)
                    if total > max_unpacked or (max_entry and entry > max_entry):
                        raise InterchangeRefused(
                            f"文件“{name}”解压后超过上限{human(max_unpacked)}（疑似压缩炸弹）"
                        )
        except InterchangeRefused:
            raise
        except Exception as exc:  # zlib/CRC/unsupported method: all mean "corrupt"
            raise InterchangeRefused(f"文件“{name}”已损坏，无法解压") from exc
    packed = max(1, len(data))
    if total > 1024 * 1024 and total / packed > max_ratio:
        raise InterchangeRefused(
            f"文件“{name}”压缩比异常（{total // packed}倍，上限{max_ratio}倍），疑似压缩炸弹"
        )
    return zf


def check_xlsx(data: bytes, name: str) -> None:
    zf = safe_zip(
        data,
        name,
        max_entries=limit("CADRE_IMPORT_MAX_ZIP_ENTRIES"),
        max_unpacked=limit("CADRE_IMPORT_MAX_UNPACKED_BYTES"),
        max_ratio=limit("CADRE_IMPORT_MAX_RATIO"),
    )
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise InterchangeRefused(f"文件“{name}”不是有效的Excel工作簿")
