"""A staff password's verifier is a password PostgreSQL takes: a role given the verifier signs
in with the password through libpq, so the server checks the same password the counters do."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from basmat_desk.services.passwords import hash_password, verify_password

pytestmark = pytest.mark.pg


@pytest.mark.parametrize(
    "password",
    [
        "plain-ascii-123",
        "كلمة مرور عربية",  # Arabic letters and a space
        "سر١٢٣ABC",  # Arabic with Latin: SASLprep refuses it, both sides fall back to the bytes
        "pass\u00a0word\u00adhere",  # a non-breaking space (mapped) and a soft hyphen (dropped)
        "ﻻ-ligature-ﷲ",  # presentation forms: NFKC changes them
    ],
    ids=["ascii", "arabic", "mixed", "mapped", "nfkc"],
)
def test_postgresql_accepts_the_password_of_the_verifier(pg_database: str, password: str) -> None:
    verifier = hash_password(password)
    assert verify_password(verifier, password)
    assert not verify_password(verifier, password + "x")
    url = psycopg.conninfo.conninfo_to_dict(pg_database.replace("+psycopg", ""))
    role = "basmat_scram_probe"
    with psycopg.connect(**url, autocommit=True) as owner:
        owner.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        owner.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(verifier)
            )
        )
        try:
            stored = owner.execute(
                "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (role,)
            ).fetchone()
            assert stored == (verifier,), "kept as given, not hashed again"
            probe = {**url, "user": role, "password": password, "dbname": "postgres"}
            with psycopg.connect(**probe) as conn:
                assert conn.execute("SELECT current_user").fetchone() == (role,)
            with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
                psycopg.connect(**{**probe, "password": password + "x"})
        finally:
            owner.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
