#!/usr/bin/env bash
# `make loadtest`: gunicorn (gthread) on 127.0.0.1 against PostgreSQL on this machine, 20 simulated buyers
# for 60 s (locust, headless), then a summary. Everything it starts it stops, also on Ctrl-C or failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PY:-.venv/bin/python}
USERS=${LOADTEST_USERS:-20}
DURATION=${LOADTEST_DURATION:-60s}
WORKERS=${LOADTEST_WORKERS:-3}
THREADS=${LOADTEST_THREADS:-4}
SERVER=${LOADTEST_POSTGRES:-postgres://postgres@127.0.0.1:5432}
DB=${LOADTEST_DATABASE:-contracts_load}
WORK=$(mktemp -d /tmp/contracts-loadtest.XXXXXX)
KEEP=/tmp/contracts-loadtest-last   # the logs and CSVs of the last run, for a closer look
PORT=$($PY -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

export DJANGO_SETTINGS_MODULE=config.settings
export DATABASE_URL="$SERVER/$DB"
export DEBUG=0
export SECRET_KEY="loadtest-$($PY -c 'import secrets; print(secrets.token_urlsafe(32))')"
export ALLOWED_HOSTS=127.0.0.1
export AXES_ENABLED=0              # 20 buyers logging in at once from one address are not an attack
export CONTRACTS_PER_HOUR=100000
export MEDIA_ROOT="$WORK/media"
export RENDER_SLOTS_DIR="$WORK/slots"  # this run's own render slots (RENDER_CONCURRENCY: one per core by default)
export LOG_LEVEL=ERROR
export LOADTEST_PLAN="$WORK/plan.json"
export LOADTEST_REQUEST_LOG="$WORK/requests.csv"

GUNICORN_PID=""
WORKER_PID=""
cleanup() {
  if [ -n "$WORKER_PID" ] && kill -TERM "$WORKER_PID" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$WORKER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$WORKER_PID" 2>/dev/null || true
  fi
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    for _ in $(seq 1 30); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
  fi
  mkdir -p "$KEEP" && cp "$WORK"/*.log "$WORK"/*.csv "$KEEP"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== database $DB on $SERVER =="
$PY benchmarks/fresh_database.py "$SERVER" "$DB"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_clauses >/dev/null
$PY benchmarks/loadtest/seed.py --buyers "$USERS" --plan "$LOADTEST_PLAN"

echo "== gunicorn: $WORKERS workers x $THREADS threads (gthread) on 127.0.0.1:$PORT =="
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --worker-class gthread --threads "$THREADS" --preload --timeout 120 --graceful-timeout 10 \
  --log-level warning >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  $PY -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/accounts/login/', timeout=2)" \
    2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
  sleep 0.5
done

echo "== one render worker (db_worker) =="
$PY manage.py db_worker --no-reload >"$WORK/worker.log" 2>&1 &
WORKER_PID=$!

echo "== $USERS buyers for $DURATION, renders alongside (at most ${RENDER_CONCURRENCY:-one per core} at once) =="
uptime
timeout --signal=INT --kill-after=30 300 .venv/bin/locust -f benchmarks/loadtest/locustfile.py --headless \
  --users "$USERS" --spawn-rate 5 --run-time "$DURATION" --stop-timeout 10 --host "http://127.0.0.1:$PORT" \
  --csv "$WORK/locust" --only-summary --loglevel WARNING >"$WORK/locust.log" 2>&1 || true
uptime
echo
$PY benchmarks/loadtest/report.py "$WORK/locust" "$LOADTEST_REQUEST_LOG"
if grep -q "Traceback\|Error\|WORKER TIMEOUT" "$WORK/gunicorn.log"; then
  echo; echo "gunicorn log:"; tail -n 40 "$WORK/gunicorn.log"
fi
echo "(logs and CSVs: $KEEP)"
