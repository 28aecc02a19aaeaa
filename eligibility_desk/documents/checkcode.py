"""Check codes on admission slips: a keyed hash that tells a genuine slip from a forged one, offline.

The QR code (and the line printed beneath it) carries ``ADMISSION_NO.CHECK`` where ``CHECK`` is the first
50 bits of ``HMAC-SHA256(secret, "eligibility-desk/slip/v1\\n" + ADMISSION_NO)`` written as 10 characters of
Crockford base32 (no I, L, O, U: easy to read out and type).  Without the centre's secret nobody can compute
the check for another admission number; with it, any desk verifies a code without a network.

The secret is per centre: 32 random bytes kept in the user's config folder (``slip-secret.key``), created
the first time slips are printed.  Copy that file to every desk of the centre that checks slips at the
door.  ``$ELIGIBILITY_DESK_SLIP_SECRET`` (the secret itself) or ``$ELIGIBILITY_DESK_SLIP_SECRET_FILE``
(another file) override it, as does ``--secret-file`` on the command line.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_ENV = "ELIGIBILITY_DESK_SLIP_SECRET"
SECRET_FILE_ENV = "ELIGIBILITY_DESK_SLIP_SECRET_FILE"
SECRET_FILE_NAME = "slip-secret.key"
CHECK_LENGTH = 10
_DOMAIN = b"eligibility-desk/slip/v1\n"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class SecretError(Exception):
    """The slip secret is missing or unreadable (the message says where it was looked for)."""


def default_secret_path() -> Path:
    env = os.environ.get(SECRET_FILE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("eligibility-desk", appauthor=False)) / SECRET_FILE_NAME


def load_secret(path: Path | str | None = None, create: bool = False) -> bytes:
    """The centre's secret: ``$ELIGIBILITY_DESK_SLIP_SECRET``, else the key file (created when ``create``)."""
    if path is None and os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV].encode("utf-8")
    file = Path(path) if path is not None else default_secret_path()
    try:
        text = file.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not create:
            raise SecretError(f"no slip secret at {file}: this desk has not printed slips; copy the centre's "
                              f"{SECRET_FILE_NAME} here or set {SECRET_ENV}") from None
        return _create_secret(file)
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"cannot read the slip secret {file}: {exc}") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise SecretError(f"the slip secret {file} is not hexadecimal") from None
    if len(key) < 16:
        raise SecretError(f"the slip secret {file} is too short ({len(key)} bytes; at least 16)")
    return key


def _create_secret(file: Path) -> bytes:
    key = secrets.token_bytes(32)
    file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    return key


def check_code(admission_no: str, secret: bytes) -> str:
    digest = hmac.new(secret, _DOMAIN + admission_no.encode("utf-8"), hashlib.sha256).digest()
    bits = int.from_bytes(digest[:8], "big") >> (64 - 5 * CHECK_LENGTH)
    return "".join(_ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(CHECK_LENGTH)))


def slip_code(admission_no: str, secret: bytes) -> str:
    """What the QR code encodes: ``ADMISSION_NO.CHECK``."""
    return f"{admission_no}.{check_code(admission_no, secret)}"


@dataclass(frozen=True)
class Verification:
    """``reason`` is a code: ``genuine``, ``malformed`` (not ``NO.CHECK``) or ``forged`` (check differs)."""

    genuine: bool
    reason: str
    admission_no: str = ""


def verify_code(code: str, secret: bytes) -> Verification:
    admission_no, sep, check = code.strip().rpartition(".")
    check = check.upper().replace("-", "").replace(" ", "").translate(_READ_AS)   # grouped as printed
    if not sep or not admission_no or len(check) != CHECK_LENGTH or set(check) - set(_ALPHABET):
        return Verification(False, "malformed", admission_no)
    if hmac.compare_digest(check, check_code(admission_no, secret)):
        return Verification(True, "genuine", admission_no)
    return Verification(False, "forged", admission_no)
