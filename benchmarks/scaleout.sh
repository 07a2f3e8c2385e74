#!/usr/bin/env bash
# `make scaleout`: two gunicorn app servers and one render worker on 127.0.0.1, sharing PostgreSQL (database
# contracts_scaleout) and an S3-compatible store (moto in server mode), with the production settings.
# benchmarks/scaleout.py then plays the buyer (see there). Everything it starts it stops, also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
SERVER=${SCALEOUT_POSTGRES:-postgres://postgres@127.0.0.1:5432}
DB=contracts_scaleout
WORK=$(mktemp -d /tmp/contracts-scaleout.XXXXXX)
KEEP=/tmp/contracts-scaleout-last   # the logs of the last run
free_port() { $PY -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
PORT_A=$(free_port); PORT_B=$(free_port); PORT_S3=$(free_port)

export DJANGO_SETTINGS_MODULE=config.production
export DATABASE_URL="$SERVER/$DB"
export SECRET_KEY="scaleout-$($PY -c 'import secrets; print(secrets.token_urlsafe(32))')"
export ALLOWED_HOSTS=127.0.0.1
export HTTPS=0 STATIC_MANIFEST=0     # plain http on 127.0.0.1, static files without collectstatic
export CONTRACT_STORAGE=s3 S3_BUCKET=contracts S3_ENDPOINT_URL="http://127.0.0.1:$PORT_S3" S3_REGION=us-east-1
export S3_ACCESS_KEY_ID=scaleout S3_SECRET_ACCESS_KEY=scaleout
export RENDER_SLOTS_DIR="$WORK/slots"
export RENDER_TIMEOUT_SECONDS=${RENDER_TIMEOUT_SECONDS:-600}  # a busy machine prints slowly; nothing is too long here
export LOG_LEVEL=WARNING

PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  mkdir -p "$KEEP" && cp "$WORK"/*.log "$KEEP"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

wait_for_http() {  # url pid log
  for _ in $(seq 1 120); do
    $PY -c "import urllib.request; urllib.request.urlopen('$1', timeout=2)" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.5
  done
  echo "no answer from $1"; cat "$3"; exit 1
}

echo "== S3-compatible store (moto) on 127.0.0.1:$PORT_S3, bucket $S3_BUCKET =="
.venv/bin/moto_server -H 127.0.0.1 -p "$PORT_S3" >"$WORK/moto.log" 2>&1 &
PIDS+=($!)
wait_for_http "$S3_ENDPOINT_URL/moto-api/" "${PIDS[-1]}" "$WORK/moto.log"
$PY -c "import boto3, os; boto3.client('s3', endpoint_url=os.environ['S3_ENDPOINT_URL'], region_name='us-east-1', \
aws_access_key_id='scaleout', aws_secret_access_key='scaleout').create_bucket(Bucket=os.environ['S3_BUCKET'])"

echo "== database $DB on $SERVER =="
$PY benchmarks/fresh_database.py "$SERVER" "$DB"
$PY manage.py migrate --noinput -v 0
$PY manage.py import_clauses >/dev/null

for name in A B; do
  port=$([ $name = A ] && echo "$PORT_A" || echo "$PORT_B")
  echo "== app server $name: gunicorn (2 workers x 4 threads) on 127.0.0.1:$port =="
  .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$port" --workers 2 --worker-class gthread \
    --threads 4 --preload --timeout 120 --graceful-timeout 5 --log-level warning >"$WORK/gunicorn-$name.log" 2>&1 &
  PIDS+=($!)
  wait_for_http "http://127.0.0.1:$port/accounts/login/" "${PIDS[-1]}" "$WORK/gunicorn-$name.log"
done

echo "== the buyer: saves through A, the worker renders, downloads through B =="
uptime
$PY benchmarks/scaleout.py --server-a "http://127.0.0.1:$PORT_A" --server-b "http://127.0.0.1:$PORT_B" \
  --worker-log "$WORK/worker.log" || { echo "worker log:"; tail -n 40 "$WORK/worker.log"; exit 1; }
uptime
for log in "$WORK"/gunicorn-*.log; do
  if grep -q "Traceback\|WORKER TIMEOUT" "$log"; then echo "$log:"; tail -n 40 "$log"; exit 1; fi
done
echo "(logs: $KEEP)"
