"""What the benchmarks share: a fresh, empty PostgreSQL database for a run."""
from sqlalchemy import create_engine, text


def fresh_database(url: str) -> None:
    """Drop and create the database named at the end of `url` (connecting to `postgres`)."""
    server, _, name = url.rpartition("/")
    engine = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
