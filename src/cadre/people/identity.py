"""Setting a secret ID number on a record: ciphertext, blind index and the last four."""

from __future__ import annotations

from cadre.core import crypto


def id_number_fields(normalized: str | None) -> dict[str, str | None]:
    """Field values for a normalized (validated, upper-case) ID number, or for none."""
    if not normalized:
        return {"id_number_cipher": "", "id_number_index": None, "id_last4": ""}
    return {
        "id_number_cipher": crypto.encrypt(normalized),
        "id_number_index": crypto.blind_index(normalized),
        "id_last4": normalized[-4:],
    }


def reveal(cipher: str) -> str:
    return crypto.decrypt(cipher) if cipher else ""


def masked(cipher: str) -> str:
    return crypto.mask_id_number(reveal(cipher)) if cipher else ""
