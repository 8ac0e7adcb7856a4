"""Secret fields: SM4-GCM encryption at rest and an HMAC-SM3 blind index.

Ciphertext layout (base64 text): version byte 0x01 | 12-byte nonce | ciphertext | 16-byte tag.
The blind index lets the database find and enforce uniqueness of a secret by exact value
without being able to read it.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

_VERSION = b"\x01"
_NONCE = 12
_TAG = 16


class DecryptionError(ValueError):
    pass


@lru_cache(maxsize=4)
def _key(hex_key: str, size: int) -> bytes:
    raw = bytes.fromhex(hex_key)
    if len(raw) != size:
        raise ValueError(f"密钥长度应为 {size} 字节")
    return raw


def data_key() -> bytes:
    return _key(settings.DATA_KEY, 16)


def index_key() -> bytes:
    return _key(settings.INDEX_KEY, 32)


# Per-key objects made once: an import encrypts and indexes one ID number per row, and
# building the key schedule each time cost as much as the cipher itself.
@lru_cache(maxsize=4)
def _sm4(key: bytes) -> algorithms.SM4:
    return algorithms.SM4(key)


@lru_cache(maxsize=4)
def _index_mac(key: bytes) -> hmac.HMAC:
    """An HMAC-SM3 keyed once; each value is hashed on a copy of it."""
    return hmac.HMAC(key, hashes.SM3())


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(_NONCE)
    encryptor = Cipher(_sm4(data_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    return base64.b64encode(_VERSION + nonce + body + encryptor.tag).decode("ascii")


def decrypt(token: str) -> str:
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise DecryptionError("密文格式错误") from exc
    if len(raw) < 1 + _NONCE + _TAG or raw[:1] != _VERSION:
        raise DecryptionError("密文格式错误")
    nonce, body, tag = raw[1 : 1 + _NONCE], raw[1 + _NONCE : -_TAG], raw[-_TAG:]
    decryptor = Cipher(_sm4(data_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("密文校验失败（密钥不符或数据被篡改）") from exc


def blind_index(value: str) -> str:
    mac = _index_mac(index_key()).copy()
    mac.update(value.encode("utf-8"))
    return mac.finalize().hex()


def mask_id_number(value: str) -> str:
    """110***********1234: the region's first three and the last four characters."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
