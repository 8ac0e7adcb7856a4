"""An uploaded file kept between its check and its commit: SM4-encrypted (rosters and LRMX
files hold ID numbers), as text for `ImportBatch.payload`."""

from __future__ import annotations

import base64

from cadre.core import crypto


def seal(data: bytes) -> str:
    return crypto.encrypt(base64.b64encode(data).decode("ascii"))


def unseal(token: str) -> bytes:
    return base64.b64decode(crypto.decrypt(token))
