"""Persistence: SQLAlchemy models, engine and sessions, Alembic migrations, search queries."""
