"""The Alembic head this code expects (tests check it against the migration scripts).

Kept apart from `store.db` so start-up can compare it without loading SQLAlchemy.
"""

SCHEMA_REVISION = "0006"
