"""Where the helpline keeps its data: SQLAlchemy models, the engine and unit of work, Alembic migrations."""
