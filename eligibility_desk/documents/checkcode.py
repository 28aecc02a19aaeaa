"""Check codes on admission slips: a keyed hash that tells a genuine slip from a forged one, offline.

The QR code (and the line printed beneath it) carries ``ADMISSION_NO.CHECK`` where ``CHECK`` is the first
50 bits of ``HMAC-SHA256(key, "eligibility-desk/slip/v1\\n" + ADMISSION_NO)`` written as 10 characters of
Crockford base32 (no I, L, O, U: easy to read out and type).  Without the centre's key nobody can compute
the check for another admission number; with it, any desk verifies a code without a network.

The key is one per centre and lives in the database every desk of the centre opens
(:mod:`eligibility_desk.services.printing.keys`: created once, rotatable, old keys verifying until a date).
Overrides, in this order: ``--secret-file FILE`` on the command line, ``$ELIGIBILITY_DESK_SLIP_SECRET`` (the
key itself; the window reads it too).  Both use ONE encoding: hexadecimal
(``0-9a-f``, upper case and spaces/newlines tolerated), at least 16 bytes (32 hex digits); anything else is
refused with a :class:`SecretError` that says why.  ``eligibility-desk keys export`` writes the database key
in that encoding, for a door laptop without the database.  (``$ELIGIBILITY_DESK_SLIP_SECRET_FILE`` only
names the desk-local key file of :func:`load_secret`, for the documents package used without a database.)
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
#: the shortest key accepted (bytes); new keys have 32
MIN_KEY_BYTES = 16
KEY_BYTES = 32
_DOMAIN = b"eligibility-desk/slip/v1\n"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class SecretError(Exception):
    """The slip secret is missing or unreadable (the message says where it was looked for)."""


def default_secret_path() -> Path:
    """The key file of this desk's user config folder (used only by :func:`load_secret`'s callers that
    print without a database, e.g. the documents package on its own)."""
    env = os.environ.get(SECRET_FILE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("eligibility-desk", appauthor=False)) / SECRET_FILE_NAME


def parse_secret(text: str, where: str) -> bytes:
    """A key written in the one accepted encoding (hexadecimal, >= 16 bytes); ``where`` names its source."""
    cleaned = "".join(str(text).split())
    try:
        key = bytes.fromhex(cleaned)
    except ValueError:
        raise SecretError(f"{where}: the key is not hexadecimal (write it as 0-9 a-f, e.g. from "
                          f"`eligibility-desk keys export`)") from None
    if len(key) < MIN_KEY_BYTES:
        raise SecretError(f"{where}: the key is too short ({len(key)} bytes; at least {MIN_KEY_BYTES}, "
                          f"i.e. {2 * MIN_KEY_BYTES} hex digits)")
    return key


#: a key file holds a key of tens of bytes in hexadecimal; anything much larger is not a key file
MAX_KEY_FILE_BYTES = 4096


def read_secret_file(path: Path | str) -> bytes:
    file = Path(path).expanduser()
    try:
        if file.stat().st_size > MAX_KEY_FILE_BYTES:
            raise SecretError(f"the slip secret {file} is not a key file: over {MAX_KEY_FILE_BYTES} bytes")
        text = file.read_text(encoding="ascii")
    except FileNotFoundError:
        raise SecretError(f"no slip secret at {file}: the key file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretError(f"cannot read the slip secret {file}: {exc}") from None
    return parse_secret(text, f"the slip secret {file}")


def override_secret(path: Path | str | None = None) -> bytes | None:
    """The key given instead of the database's: ``path`` (``--secret-file``), else
    ``$ELIGIBILITY_DESK_SLIP_SECRET``; None when neither is given.  A bad one raises SecretError."""
    if path is not None:
        return read_secret_file(path)
    if os.environ.get(SECRET_ENV):
        return parse_secret(os.environ[SECRET_ENV], f"${SECRET_ENV}")
    return None


def new_secret() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def load_secret(path: Path | str | None = None, create: bool = False) -> bytes:
    """A key without a database: the file ``path``, else ``$ELIGIBILITY_DESK_SLIP_SECRET``, else this desk's
    key file (``$ELIGIBILITY_DESK_SLIP_SECRET_FILE`` or the config folder's); a missing file is created
    when ``create``.

    The window and the command line use the centre's key from the database instead
    (:mod:`eligibility_desk.services.printing.keys`); this is for the documents package used on its own."""
    if path is None and os.environ.get(SECRET_ENV):
        return parse_secret(os.environ[SECRET_ENV], f"${SECRET_ENV}")
    file = Path(path).expanduser() if path is not None else default_secret_path()
    if create and not file.exists():
        return _create_secret(file)
    return read_secret_file(file)


def write_secret_file(file: Path | str, key: bytes) -> Path:
    """Write ``key`` in the one encoding, readable by the owner only; an existing file is not replaced."""
    file = Path(file).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    return file


def _create_secret(file: Path) -> bytes:
    key = new_secret()
    write_secret_file(file, key)
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


def verify_code(code: str, secret: bytes | list[bytes] | tuple[bytes, ...]) -> Verification:
    """``secret``: one key, or every key that may have printed the code (the current one and the rotated-out
    keys still within their date); genuine when any of them made it."""
    keys = [secret] if isinstance(secret, (bytes, bytearray)) else list(secret)
    admission_no, sep, check = code.strip().rpartition(".")
    check = check.upper().replace("-", "").replace(" ", "").translate(_READ_AS)   # grouped as printed
    if not sep or not admission_no or len(check) != CHECK_LENGTH or set(check) - set(_ALPHABET):
        return Verification(False, "malformed", admission_no)
    if any(hmac.compare_digest(check, check_code(admission_no, key)) for key in keys):
        return Verification(True, "genuine", admission_no)
    return Verification(False, "forged", admission_no)
