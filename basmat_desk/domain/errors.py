"""Errors that the user can cause and must be told about in Arabic."""

from __future__ import annotations

import errno
from collections.abc import Sequence


class BasmatError(Exception):
    """Base of every error the application explains to its user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(BasmatError):
    """Bad input in one field: `field` is its code name, `message` says in Arabic what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class FormInvalid(ValidationError):
    """Several fields of one form are wrong: `errors` lists each, in form order; the error
    itself is the first (so code that shows one error shows the first)."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        if not errors:
            raise ValueError("FormInvalid needs at least one error")
        super().__init__(errors[0].field, errors[0].message)
        self.errors = list(errors)


class PermissionDenied(BasmatError):
    """The signed-in staff member's role does not allow the operation."""


class AuthenticationError(BasmatError):
    """Wrong username or password, inactive or locked account."""


class NotFound(BasmatError):
    """A record that the operation needs does not exist (or was deleted)."""


class WorkflowError(BasmatError):
    """A status change that the workflow does not allow."""


class UnusableDatabase(BasmatError):
    """The database file cannot be opened: a folder, another kind of file, no permission."""


_OS_REASONS = {
    errno.ENOENT: "المجلد غير موجود",
    errno.ENOTDIR: "جزء من المسار ملف وليس مجلداً",
    errno.EISDIR: "المسار مجلد وليس ملفاً",
    errno.EACCES: "لا توجد صلاحية للكتابة فيه",
    errno.EPERM: "لا توجد صلاحية للكتابة فيه",
    errno.EROFS: "القرص للقراءة فقط",
    errno.ENOSPC: "لا توجد مساحة كافية على القرص",
}


def os_error_reason(error: OSError) -> str:
    """Why a file could not be created or written, in Arabic (for messages naming the file)."""
    return _OS_REASONS.get(error.errno or 0, "خطأ في نظام الملفات")
