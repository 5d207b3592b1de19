#!/usr/bin/env bash
# The job pipeline end to end (`jobcast bench jobs`), jobcast and the Node peer side by side:
# every ingest path (single REST, batch REST, Socket.IO worker channel) at rising rates, each
# server alone on PostgreSQL, pinned to CPU 0 with the generator on CPU 1. Writes the figures
# to docs/benchmarks/data/jobs/; bench/report.py turns them into the page's job-pipeline section.
#
#   bench/jobs.sh                          # the full run (about 45 minutes on 2 cores)
#   QUICK=1 bench/jobs.sh                  # a few seconds per step: checks the script, not the servers
#   SERVERS=jobcast PATHS=socket RATES="5000 10000" bench/jobs.sh
#   SKIP_BUILD=1 bench/jobs.sh             # with target/jobcast.jar and the peer's packages in place
#   CORES=0,1 SERVERS=jobcast TAG=-2cores bench/jobs.sh  # the server on both cores (how it scales)
#   CLIENT_ONLY=1 bench/jobs.sh            # only the independent client's check of the throughput
#
# Needs: Java 17, Maven, Node 22 with npm, taskset, curl, python3, psql and PostgreSQL on
# 127.0.0.1:5432 (trust authentication), as the CI machine has.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
QUICK="${QUICK:-}"
STEP="${STEP:-$([ -n "$QUICK" ] && echo 4 || echo 20)}"
WARMUP="${WARMUP:-$([ -n "$QUICK" ] && echo 2 || echo 5)}"
WARMUP_RUN="${WARMUP_RUN:-$([ -n "$QUICK" ] && echo 3 || echo 40)}"
SERVERS="${SERVERS:-jobcast node}"
PATHS="${PATHS:-rest batch socket}"
RATES="${RATES:-$([ -n "$QUICK" ] && echo "500 2000" || echo "1000 2000 3000 5000 7500 10000 15000 20000")}"
JOBS="${JOBS:-$([ -n "$QUICK" ] && echo 50 || echo 500)}"
WATCHERS="${WATCHERS:-1}"
CORES="${CORES:-0}"
TAG="${TAG:-}"
OUT="${OUT:-$ROOT/docs/benchmarks/data/jobs}"
JAR="$ROOT/target/jobcast.jar"
GEN_CPU="${GEN_CPU:-1}"
SECRET="jobs-bench-secret-0123456789abcdef0123456789"
DB=jobcast_jobs_bench
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
PORT=3400
SERVER_PID=""

log() { printf '\n== %s: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench/jobs.sh needs $1" >&2; exit 1; }; }

build() {
  need java; need node; need npm; need taskset; need curl; need psql; need python3
  if ! command -v gnuplot >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      log "installing gnuplot-nox for the plot"
      apt-get install -y -qq gnuplot-nox >/dev/null
    else
      echo "bench/jobs.sh needs gnuplot for the plot (apt-get install gnuplot-nox)" >&2
      exit 1
    fi
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || { echo "bench/jobs.sh needs PostgreSQL on 127.0.0.1:5432" >&2; exit 1; }
  if [ -z "${SKIP_BUILD:-}" ]; then
    log "building jobcast and the Node peer"
    mvn -B -q package -DskipTests
    (cd bench/peers/jobs-node && npm ci --no-audit --no-fund >/dev/null)
  fi
  ulimit -n 20000 2>/dev/null || true
}

fresh_db() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
}

wait_up() {
  local name=$1
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$OUT/$name$TAG.server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$name did not answer on port $PORT" >&2
  exit 1
}

# start NAME: a fresh database, the server pinned to $CORES, and USER_TOKEN / WORKER_TOKEN for it.
start() {
  local name=$1 log_file="$OUT/$1$TAG.server.log"
  fresh_db
  PORT=$((PORT + 1))
  case "$name" in
    jobcast)
      local dir env
      dir="$(mktemp -d)"
      env=(JOBCAST_DATA_DIR="$dir" JOBCAST_PORT="$PORT" JOBCAST_JWT_SECRET="$SECRET" JOBCAST_DB_URL="$DB_URL"
           JOBCAST_DB_USER=postgres JOBCAST_MAX_UPDATES_PER_SECOND=0)
      env "${env[@]}" taskset -c "$CORES" java -jar "$JAR" serve >"$log_file" 2>&1 &
      SERVER_PID=$!
      wait_up "$name"
      local id
      id="$(env "${env[@]}" java -jar "$JAR" user add --email "bench-$RANDOM@example.com" 2>/dev/null | tail -1)"
      USER_TOKEN="$(env "${env[@]}" java -jar "$JAR" token --user-id "$id" --ttl 1d 2>/dev/null | tail -1)"
      WORKER_TOKEN="$(env "${env[@]}" java -jar "$JAR" token --user-id "$id" --role worker --ttl 1d 2>/dev/null | tail -1)"
      ;;
    node)
      local tokens="$OUT/node$TAG.tokens.json"
      rm -f "$tokens"
      taskset -c "$CORES" node bench/peers/jobs-node/server.mjs --host 127.0.0.1 --port "$PORT" \
        --db "postgres://postgres@127.0.0.1:5432/$DB" --jwt-secret "$SECRET" --tokens-file "$tokens" \
        >"$log_file" 2>&1 &
      SERVER_PID=$!
      wait_up "$name"
      for _ in $(seq 1 40); do [ -s "$tokens" ] && break; sleep 0.25; done
      USER_TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["user_token"])' "$tokens")"
      WORKER_TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["worker_token"])' "$tokens")"
      ;;
    *) echo "unknown server $name" >&2; exit 1 ;;
  esac
}

# gen FILE ARGS...: one `bench jobs` run against the running server, its JSON kept in $OUT/FILE.json.
gen() {
  local file=$1
  shift
  log "$file"
  taskset -c "$GEN_CPU" java -Xmx4g -jar "$JAR" bench jobs --url "http://127.0.0.1:$PORT" \
    --user-token "$USER_TOKEN" --worker-token "$WORKER_TOKEN" --server-pid "$SERVER_PID" --db-procname postgres \
    --json --quiet "$@" >"$OUT/$file.json" 2>"$OUT/$file.log" \
    || { echo "  (exit $?: see $OUT/$file.log)" >&2; tail -3 "$OUT/$file.log" >&2 || true; }
}

# warm_up SERVER: not reported; the JIT compiles the hot paths of every ingest path first (a
# fresh JVM spends most of its CPU compiling for the first minute of load).
warm_up() {
  local server=$1
  for path in $PATHS; do
    gen "$server$TAG.$path.warmup" --path "$path" --jobs "$JOBS" --watchers "$WATCHERS" \
      --rate "$(python3 -c "print(2000 / $JOBS)")" --duration "$WARMUP_RUN" --warmup "$WARMUP"
  done
}

run_path() {
  local server=$1 path=$2
  for rate in $RATES; do
    local per_job
    per_job="$(python3 -c "print($rate / $JOBS)")"
    gen "$server$TAG.$path.$rate" --path "$path" --jobs "$JOBS" --watchers "$WATCHERS" --rate "$per_job" \
      --duration "$STEP" --warmup "$WARMUP"
    # Past saturation the next, higher rate tells nothing new and takes long to drain.
    if python3 - "$OUT/$server$TAG.$path.$rate.json" "$rate" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
accepted = r.get("acceptedPerSecond") or 0
sys.exit(0 if accepted < 0.8 * float(sys.argv[2]) else 1)
EOF
    then
      log "$server $path saturated at $rate/s: higher rates skipped"
      break
    fi
  done
}

# second_client SERVER: the same paths driven by an independent client (bench/peers/jobs-node/load.mjs:
# Node, closed loop, no watchers), to confirm what `bench jobs` says of throughput.
second_client() {
  local server=$1 tokens="$OUT/$1$TAG.client-tokens.json"
  printf '{"user_token": "%s", "worker_token": "%s"}' "$USER_TOKEN" "$WORKER_TOKEN" >"$tokens"
  local client=(taskset -c "$GEN_CPU" node bench/peers/jobs-node/load.mjs --url "http://127.0.0.1:$PORT"
                --tokens-file "$tokens" --seconds "$STEP")
  for spec in "rest 32 1" "batch 4 200" "socket 4 100"; do
    set -- $spec
    [[ " $PATHS " == *" $1 "* ]] || continue
    log "$server$TAG.client-$1 (independent client, $2 x $3)"
    [ -n "${CLIENT_ONLY:-}" ] && "${client[@]}" --path "$1" --concurrency "$2" --batch "$3" >/dev/null 2>&1
    "${client[@]}" --path "$1" --concurrency "$2" --batch "$3" >"$OUT/$server$TAG.client-$1.json" \
      2>"$OUT/$server$TAG.client-$1.log" || echo "  (failed: see $OUT/$server$TAG.client-$1.log)" >&2
  done
}

main() {
  mkdir -p "$OUT"
  build
  {
    echo "{\"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\", \"cores\": $(nproc),"
    echo " \"java\": \"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')\", \"node\": \"$(node --version)\","
    echo " \"postgres\": \"$(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')\","
    echo " \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"commit\": \"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\","
    echo " \"step\": $STEP, \"warmup\": $WARMUP, \"jobs\": $JOBS, \"watchers\": $WATCHERS, \"serverCores\": \"$CORES\", \"generatorCores\": \"$GEN_CPU\","
    echo " \"quick\": $([ -n "$QUICK" ] && echo true || echo false)}"
  } >"$OUT/machine$TAG.json"
  for server in $SERVERS; do
    start "$server"
    if [ -z "${CLIENT_ONLY:-}" ]; then
      warm_up "$server"
      for path in $PATHS; do
        run_path "$server" "$path"
      done
    fi
    second_client "$server"
    stop_server
  done
  log "figures in $OUT; the page: python3 bench/report.py docs/benchmarks/data docs/benchmarks docs/benchmarks.md"
}

main "$@"
