#!/usr/bin/env bash
# `make run`: the development web server and one render worker (`db_worker`) together; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DEBUG=${DEBUG:-1}

# The worker gets a process group of its own (setsid): stopping that group also stops the reloader's child.
setsid "$PY" manage.py db_worker &
WORKER=$!
stop_worker() {
  trap - EXIT INT TERM
  if kill -0 "$WORKER" 2>/dev/null; then
    kill -TERM -- "-$WORKER" 2>/dev/null || true
    # a second TERM stops a render under way at once (db_worker waits for it after the first)
    sleep 1; kill -TERM -- "-$WORKER" 2>/dev/null || true
    wait "$WORKER" 2>/dev/null || true
  fi
}
trap stop_worker EXIT INT TERM
"$PY" manage.py runserver "127.0.0.1:${PORT:-8000}"
