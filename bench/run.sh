#!/usr/bin/env bash
# Runs every server of the comparison in turn, under the same pinning and settings, with one
# load generator (`jobcast bench`), then writes docs/benchmarks.md and its plots.
#
#   bench/run.sh                 # the full run (about an hour on 2 cores)
#   QUICK=1 bench/run.sh         # seconds per step instead of 25: checks the script, not the servers
#   SERVERS="jobcast node" bench/run.sh
#   SKIP_BUILD=1 bench/run.sh    # with target/jobcast.jar and the peers already built
#   SERVERS=node PERSIST=0 JMH=0 bench/run.sh   # re-run some servers, keep the rest of the page
#
# The server runs on CPU 0 (taskset -c 0), the generator on CPU 1. Needs: Java 17, Maven,
# Node 22 with npm, taskset, python3, gnuplot (installed with apt-get when missing, as root),
# PostgreSQL on 127.0.0.1:5432 for the persistence rows (skipped, and said so, without it).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
QUICK="${QUICK:-}"
STEP="${STEP:-$([ -n "$QUICK" ] && echo 3 || echo 25)}"
SERVERS="${SERVERS-jobcast jobcast-pekko jobcast-jobs node netty}"  # SERVERS="" runs none (persistence, JMH only)
RATES="${RATES:-$([ -n "$QUICK" ] && echo "10 50" || echo "10 50 100 150 200")}"
OVERLOAD_RATE="${OVERLOAD_RATE:-400}"
BIG_ROOM="${BIG_ROOM:-$([ -n "$QUICK" ] && echo 1000 || echo 5000)}"
MANY_ROOMS="${MANY_ROOMS:-$([ -n "$QUICK" ] && echo 100 || echo 1000)}"
IDLE="${IDLE:-$([ -n "$QUICK" ] && echo 2000 || echo 15000)}"
PERSIST_JOBS="${PERSIST_JOBS:-$([ -n "$QUICK" ] && echo 20 || echo 200)}"
PERSIST_REPORTS="${PERSIST_REPORTS:-$([ -n "$QUICK" ] && echo 20 || echo 100)}"
RECOVER_EVENTS="${RECOVER_EVENTS:-$([ -n "$QUICK" ] && echo 2000 || echo 100000)}"
RECOVER_EVENTS_H2="${RECOVER_EVENTS_H2:-$([ -n "$QUICK" ] && echo 2000 || echo 20000)}"
SNAPSHOT_EVERY="${SNAPSHOT_EVERY:-100}"
OUT="${OUT:-$ROOT/docs/benchmarks}"
MD="${MD:-$ROOT/docs/benchmarks.md}"
DATA="$OUT/data"
JAR="$ROOT/target/jobcast.jar"
GEN=(taskset -c 1 java -Xmx4g -jar "$JAR" bench)
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

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench/run.sh needs $1" >&2; exit 1; }
}

build() {
  need java; need mvn; need node; need npm; need taskset; need python3
  if ! command -v gnuplot >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      log "installing gnuplot-nox for the plots"
      apt-get install -y -qq gnuplot-nox >/dev/null
    else
      echo "bench/run.sh needs gnuplot for the plots (apt-get install gnuplot-nox)" >&2
      exit 1
    fi
  fi
  if [ -z "${SKIP_BUILD:-}" ]; then
    log "building jobcast and the peers"
    mvn -B -q package -DskipTests
    (cd bench/peers/node && npm ci --no-audit --no-fund >/dev/null)
    (cd bench/peers/netty && mvn -B -q package)
  fi
  ulimit -n 20000 2>/dev/null || echo "could not raise the open-file limit to 20000: $(ulimit -n)" >&2
}

# start_server NAME PORT CONTROL_PORT: starts it pinned to CPU 0, waits for its control API.
start_server() {
  local name=$1 port=$2 control=$3
  local log_file="$DATA/$name.server.log" cmd
  case "$name" in
    jobcast) cmd=(java -jar "$JAR" bench-target --transport lean) ;;
    jobcast-pekko) cmd=(java -jar "$JAR" bench-target --transport pekko-http) ;;
    jobcast-jobs) cmd=(java -jar "$JAR" bench-target --jobs) ;;
    node) cmd=(node --expose-gc bench/peers/node/server.mjs) ;;
    netty) cmd=(java -jar bench/peers/netty/target/netty-peer.jar) ;;
    *) echo "unknown server $name" >&2; exit 1 ;;
  esac
  # taskset execs the server: $! is the server's own pid (for --server-pid and for kill).
  taskset -c 0 "${cmd[@]}" --host 0.0.0.0 --port "$port" --control-port "$control" >"$log_file" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$control/stats" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$name did not start:" >&2; cat "$log_file" >&2; exit 1; }
    sleep 0.5
  done
  echo "$name did not answer on its control port" >&2
  exit 1
}

# gen FILE SCENARIO ARGS...: one generator run, its JSON kept in $DATA/FILE.json.
gen() {
  local file=$1
  shift
  log "$file"
  if ! "${GEN[@]}" "$@" --json --quiet >"$DATA/$file.json" 2>"$DATA/$file.log"; then
    echo "  (failed: see $DATA/$file.log)" >&2
    tail -3 "$DATA/$file.log" >&2 || true
  fi
}

# measure STEP ARGS...: one fan-out step of the server run_server is measuring. A step that
# failed leaves the server in an unknown state (swamped by a backlog, or gone): the next step
# gets a fresh process, on fresh ports (not every server can bind a port whose connections are
# in TIME_WAIT), and the restart is recorded for the report.
measure() {
  local step=$1
  shift
  if [ -z "$SERVER_PID" ]; then
    echo "$name restarted before $step (the step before it failed)" | tee -a "$DATA/$name.restarts.txt" >&2
    port=$((port + 1000)); control=$((control + 1000))
    target=(--url "http://127.0.0.1:$port" --control-url "http://127.0.0.1:$control" --spread 8)
    [ "$name" = jobcast-jobs ] && target+=(--contract jobcast)
    mv "$DATA/$name.server.log" "$DATA/$name.server.before-$step.log" 2>/dev/null || true
    start_server "$name" "$port" "$control"
    pid_arg=(--server-pid "$SERVER_PID")
  fi
  gen "$name.$step" fanout "${target[@]}" "${pid_arg[@]}" "$@" --duration "$STEP"
  if [ ! -s "$DATA/$name.$step.json" ]; then
    stop_server
  fi
}

run_server() {
  local name=$1 port=$2 control=$3
  local target=(--url "http://127.0.0.1:$port" --control-url "http://127.0.0.1:$control" --spread 8)
  [ "$name" = jobcast-jobs ] && target+=(--contract jobcast)
  rm -f "$DATA/$name.restarts.txt" "$DATA/$name".server.before-*.log
  start_server "$name" "$port" "$control"
  local pid_arg=(--server-pid "$SERVER_PID")
  # Not reported: the JIT compiles the hot paths before anything is measured.
  gen "$name.warmup" fanout "${target[@]}" --prefix w --rooms 1 --subscribers 1000 --rate 20 --duration "$STEP"
  for rate in $RATES; do
    measure "fanout-1x1000-$rate" --rooms 1 --subscribers 1000 --rate "$rate"
  done
  measure "overload-1x1000-$OVERLOAD_RATE" --rooms 1 --subscribers 1000 --rate "$OVERLOAD_RATE"
  measure "fanout-1x$BIG_ROOM-5" --rooms 1 --subscribers "$BIG_ROOM" --rate 5
  for rate in 5 10; do
    measure "fanout-${MANY_ROOMS}x5-$rate" --rooms "$MANY_ROOMS" --subscribers 5 --rate "$rate"
  done
  stop_server
  # A fresh process for the idle connections, so that the fan-out runs leave nothing behind; on
  # other ports, as netty-socketio cannot bind ports whose connections are still in TIME_WAIT.
  port=$((port + 5)); control=$((control + 5))
  target=(--url "http://127.0.0.1:$port" --control-url "http://127.0.0.1:$control" --spread 8)
  [ "$name" = jobcast-jobs ] && target+=(--contract jobcast)
  start_server "$name" "$port" "$control"
  if [[ "$name" == jobcast* ]]; then
    # While the connections idle, where the server's heap goes, by class (jmap, a full GC).
    gen "$name.connections-$IDLE" connections "${target[@]}" --server-pid "$SERVER_PID" --count "$IDLE" \
      --rate 2000 --hold 20 &
    local gen_pid=$!
    for _ in $(seq 1 600); do
      [ "$(curl -fsS "http://127.0.0.1:$control/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["clients"])')" \
        -ge "$IDLE" ] && break
      sleep 0.5
    done
    sleep 2
    jmap -histo:live "$SERVER_PID" >"$DATA/$name.histogram.txt" 2>/dev/null || true
    wait "$gen_pid" || true
  else
    gen "$name.connections-$IDLE" connections "${target[@]}" --server-pid "$SERVER_PID" --count "$IDLE" --rate 2000
  fi
  stop_server
}

persistence() {
  log "persistence: bench persist (PostgreSQL, H2) and bench recover"
  if pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS jobcast_bench" -c "CREATE DATABASE jobcast_bench" >/dev/null
    persist_on postgres "jdbc:postgresql://127.0.0.1:5432/jobcast_bench"
    gen "recover-postgres" recover --db-url "jdbc:postgresql://127.0.0.1:5432/jobcast_bench" \
      --db-user postgres --events "$RECOVER_EVENTS" --snapshot-every "$SNAPSHOT_EVERY"
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432: no PostgreSQL rows" >&2
  fi
  persist_on h2 ""
  gen "recover-h2" recover --events "$RECOVER_EVENTS_H2" --snapshot-every "$SNAPSHOT_EVERY"
}

# persist_on NAME DB_URL: `jobcast serve` pinned to CPU 0 on that database, driven by bench persist.
persist_on() {
  local name=$1 url=$2 dir
  dir="$(mktemp -d)"
  local env=(JOBCAST_DATA_DIR="$dir" JOBCAST_PORT=8700 JOBCAST_JWT_SECRET="bench-secret-bench-secret-bench-secret")
  [ -n "$url" ] && env+=(JOBCAST_DB_URL="$url" JOBCAST_DB_USER=postgres)
  env "${env[@]}" taskset -c 0 java -jar "$JAR" serve >"$DATA/persist-$name.server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS http://127.0.0.1:8700/ready >/dev/null 2>&1 && break
    sleep 0.5
  done
  local id user worker
  id="$(env "${env[@]}" java -jar "$JAR" user add --email "bench-$RANDOM@example.com" 2>/dev/null | tail -1)"
  user="$(env "${env[@]}" java -jar "$JAR" token --user-id "$id" 2>/dev/null | tail -1)"
  worker="$(env "${env[@]}" java -jar "$JAR" token --user-id "$id" --role worker 2>/dev/null | tail -1)"
  gen "persist-$name" persist --url http://127.0.0.1:8700 --token "$worker" --user-token "$user" \
    --jobs "$PERSIST_JOBS" --reports "$PERSIST_REPORTS" --concurrency 64
  stop_server
  rm -rf "$dir"
}

# JMH micro-benchmarks of the hot paths, pinned to CPU 0, short (one fork).
micro() {
  log "JMH micro-benchmarks"
  # The benchmarks are jobcast-bench's test classes; the classpath comes from its module.
  mvn -B -q -Pjmh -DskipTests -pl jobcast-bench -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/target/jmh.classpath" -Dmdep.includeScope=test
  local iterations=$([ -n "$QUICK" ] && echo "-wi 1 -i 1 -w 200ms -r 200ms" || echo "-wi 3 -i 5 -w 1s -r 1s")
  local bench="$ROOT/jobcast-bench/target"
  # shellcheck disable=SC2086
  taskset -c 0 java -cp "$bench/test-classes:$bench/classes:$(cat "$ROOT/target/jmh.classpath")" org.openjdk.jmh.Main \
    dev.jobcast.bench.jmh -f 1 $iterations -rf json -rff "$DATA/jmh.json" >"$DATA/jmh.log" 2>&1 \
    || echo "  (JMH failed: see $DATA/jmh.log)" >&2
}

machine() {
  {
    echo "{"
    echo "\"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\","
    echo "\"cores\": $(nproc),"
    echo "\"memory\": \"$(free -g | awk '/Mem:/ {print $2}') GiB\","
    echo "\"kernel\": \"$(uname -r)\","
    echo "\"java\": \"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')\","
    echo "\"node\": \"$(node --version)\","
    echo "\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
    echo "\"commit\": \"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\","
    echo "\"step\": $STEP,"
    echo "\"quick\": $([ -n "$QUICK" ] && echo true || echo false)"
    echo "}"
  } >"$DATA/machine.json"
}

main() {
  mkdir -p "$DATA"
  build
  machine
  local port=3100
  for server in $SERVERS; do
    run_server "$server" "$port" $((port + 1))
    port=$((port + 10))
  done
  # PERSIST=0 / JMH=0 keep those figures of an earlier run (re-running some servers only).
  [ "${PERSIST:-1}" = 0 ] || persistence
  [ "${JMH:-1}" = 0 ] || micro
  python3 bench/report.py "$DATA" "$OUT" "$MD"
  log "wrote $MD"
}

main "$@"
