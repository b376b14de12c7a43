"""Password hashing (argon2id) and the password rules staff accounts follow."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from basmat_desk.domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()


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


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
