"""Alembic environment: always given a live connection by :func:`eligibility_desk.persistence.migrate.upgrade`
(or, for developers generating a revision, the URL in the config)."""

from alembic import context
from sqlalchemy import create_engine

from eligibility_desk.persistence import account_models, print_models, score_models, session_models  # noqa: F401 - their tables belong to Base.metadata
from eligibility_desk.persistence.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
