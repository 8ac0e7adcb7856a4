"""Secret fields: SM4-GCM ciphertext layout and the HMAC-SM3 blind index stay as stored.

Each check compares `cadre.core.crypto` with the scheme computed from scratch here, so a
faster implementation cannot drift from what the database already holds."""

from __future__ import annotations

import base64
import hashlib
import hmac as std_hmac
import os

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from cadre.core import crypto

VALUES = ["130123198503120018", "11010519491231002X", "", "张三", "x" * 300]


def _reference_encrypt(plaintext: str, nonce: bytes) -> str:
    enc = Cipher(algorithms.SM4(crypto.data_key()), modes.GCM(nonce)).encryptor()
    body = enc.update(plaintext.encode("utf-8")) + enc.finalize()
    return base64.b64encode(b"\x01" + nonce + body + enc.tag).decode("ascii")


@pytest.mark.parametrize("value", VALUES)
def test_blind_index_is_hmac_sm3_of_the_value(value):
    mac = hmac.HMAC(crypto.index_key(), hashes.SM3())
    mac.update(value.encode("utf-8"))
    assert crypto.blind_index(value) == mac.finalize().hex()


@pytest.mark.skipif("sm3" not in hashlib.algorithms_available, reason="OpenSSL without SM3")
def test_blind_index_agrees_with_an_independent_sm3():
    for value in VALUES:
        expected = std_hmac.new(crypto.index_key(), value.encode("utf-8"), "sm3").hexdigest()
        assert crypto.blind_index(value) == expected


def test_blind_index_repeated_calls_do_not_share_state():
    first = crypto.blind_index(VALUES[0])
    crypto.blind_index(VALUES[1])
    assert crypto.blind_index(VALUES[0]) == first


@pytest.mark.parametrize("value", VALUES)
def test_ciphertext_layout_and_round_trip(value):
    token = crypto.encrypt(value)
    raw = base64.b64decode(token)
    assert raw[:1] == b"\x01"
    assert len(raw) == 1 + 12 + len(value.encode("utf-8")) + 16
    assert crypto.decrypt(token) == value
    # Decrypted from scratch with the same key and the stored nonce and tag.
    nonce, body, tag = raw[1:13], raw[13:-16], raw[-16:]
    dec = Cipher(algorithms.SM4(crypto.data_key()), modes.GCM(nonce, tag)).decryptor()
    assert (dec.update(body) + dec.finalize()).decode("utf-8") == value


@pytest.mark.parametrize("value", VALUES)
def test_tokens_made_from_scratch_still_decrypt(value):
    assert crypto.decrypt(_reference_encrypt(value, os.urandom(12))) == value


def test_each_encryption_has_its_own_nonce():
    tokens = {crypto.encrypt(VALUES[0]) for _ in range(50)}
    assert len(tokens) == 50


def test_tampered_token_is_refused():
    raw = bytearray(base64.b64decode(crypto.encrypt(VALUES[0])))
    raw[15] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(base64.b64encode(bytes(raw)).decode("ascii"))
