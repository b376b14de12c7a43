"""Staff passwords: the rules they follow, and how they are kept.

A password is kept as a SCRAM-SHA-256 verifier, the form PostgreSQL keeps its own passwords
in ("SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>", RFC 5802/7677). The same
verifier checks a sign-in on a counter with no network, and, set as the password of the staff
member's own PostgreSQL role, lets the server itself check the same password when an
administrator changes accounts online: the plain password never leaves the counter, and no
counter's credentials can vouch for anyone. PBKDF2-SHA256 at 600,000 iterations (OWASP's
figure for it) is what makes a verifier slow to guess; every counter can read them.

Hashes of the first versions (argon2id) are still checked, and replaced at the next sign-in
where the counter may write them (see `services.staff.login`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import stringprep
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from basmat_desk.domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 8
SCRAM_PREFIX = "SCRAM-SHA-256$"
ITERATIONS = 600_000
SALT_BYTES = 16

_legacy = PasswordHasher()


def check_password_rules(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(field, f"كلمة المرور: يجب ألا تقل عن {MIN_PASSWORD_LENGTH} أحرف")
    if password.strip() != password:
        raise ValidationError(field, "كلمة المرور: لا يجوز أن تبدأ أو تنتهي بمسافة")


PASSWORD_MISMATCH = "تأكيد كلمة المرور: لا يطابق كلمة المرور"


def check_new_password(
    password: str, confirmation: str | None, field: str = "password", confirm_field: str = "confirm"
) -> None:
    """A new password follows the rules and, when typed twice, both match."""
    check_password_rules(password, field)
    if confirmation is not None and confirmation != password:
        raise ValidationError(confirm_field, PASSWORD_MISMATCH)


# --- SASLprep (RFC 4013), as PostgreSQL and libpq apply it -------------------------------------

_PROHIBITED = (
    stringprep.in_table_c12,
    stringprep.in_table_c21_c22,
    stringprep.in_table_c3,
    stringprep.in_table_c4,
    stringprep.in_table_c5,
    stringprep.in_table_c6,
    stringprep.in_table_c7,
    stringprep.in_table_c8,
    stringprep.in_table_c9,
    stringprep.in_table_a1,
)


def _saslprep(password: str) -> bytes:
    """The bytes SCRAM hashes: the SASLprep'd password, or, when SASLprep refuses it (a
    prohibited character, Arabic letters mixed with Latin …), the password as typed, which is
    what PostgreSQL and libpq fall back to."""
    raw = password.encode("utf-8")
    mapped = "".join(
        " " if stringprep.in_table_c12(char) else char
        for char in password
        if not stringprep.in_table_b1(char)
    )
    prepared = unicodedata.ucd_3_2_0.normalize("NFKC", mapped)
    if not prepared or any(test(char) for char in prepared for test in _PROHIBITED):
        return raw
    if any(stringprep.in_table_d1(char) for char in prepared):
        if any(stringprep.in_table_d2(char) for char in prepared):
            return raw
        if not (stringprep.in_table_d1(prepared[0]) and stringprep.in_table_d1(prepared[-1])):
            return raw
    return prepared.encode("utf-8")


def _keys(password: str, salt: bytes, iterations: int) -> tuple[bytes, bytes]:
    salted = hashlib.pbkdf2_hmac("sha256", _saslprep(password), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")
    return stored_key, server_key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A new SCRAM-SHA-256 verifier of `password` (a fresh salt each time)."""
    salt = secrets.token_bytes(SALT_BYTES)
    stored_key, server_key = _keys(password, salt, ITERATIONS)
    return f"{SCRAM_PREFIX}{ITERATIONS}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def _parse(verifier: str) -> tuple[int, bytes, bytes] | None:
    try:
        head, keys = verifier.removeprefix(SCRAM_PREFIX).split("$")
        iterations, salt = head.split(":")
        stored_key, _server_key = keys.split(":")
        return int(iterations), base64.b64decode(salt), base64.b64decode(stored_key)
    except ValueError:
        return None


def verify_password(password_hash: str, password: str) -> bool:
    if password_hash.startswith(SCRAM_PREFIX):
        parsed = _parse(password_hash)
        if parsed is None:
            return False
        iterations, salt, stored_key = parsed
        return hmac.compare_digest(_keys(password, salt, iterations)[0], stored_key)
    try:
        return _legacy.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def is_verifier(password_hash: str) -> bool:
    """Whether `password_hash` is a SCRAM verifier PostgreSQL can take as a role's password."""
    return password_hash.startswith(SCRAM_PREFIX) and _parse(password_hash) is not None


def needs_rehash(password_hash: str) -> bool:
    parsed = _parse(password_hash) if password_hash.startswith(SCRAM_PREFIX) else None
    return parsed is None or parsed[0] < ITERATIONS
