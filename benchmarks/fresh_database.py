"""An empty PostgreSQL database for a benchmark run: `python benchmarks/fresh_database.py SERVER NAME`
drops NAME on SERVER (postgres://user@host:port) if it exists and creates it again."""

import sys

import psycopg

server, name = sys.argv[1], sys.argv[2]
try:
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
except psycopg.OperationalError as exc:
    sys.exit(f"PostgreSQL does not answer at {server} ({exc}); this run needs it.")
