"""A new counter PC joins the association's shared server (the first-run dialog's use case)."""

from __future__ import annotations

from pathlib import Path

from basmat_desk.domain.errors import ValidationError
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.staff import has_any_staff

NO_CODE = "رمز التسجيل: الصق الرمز الذي أعطاك إياه مدير النظام"


def enrol_counter(ctx: ServiceContext, database_path: Path, code: str) -> bool:
    """Enrol this database with a one-time code (its first sync included); True when the server
    brought staff accounts, so the usual login follows instead of creating an administrator."""
    if not code.strip():
        raise ValidationError("code", NO_CODE)
    from basmat_desk.sync.client import enroll_database  # psycopg loads only when enrolling

    enroll_database(database_path, code)
    return has_any_staff(ctx)
