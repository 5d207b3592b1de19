#!/usr/bin/env bash
# CPU profile of a running JVM (a jobcast server, say) with async-profiler, which Maven Central
# serves: samples every millisecond of CPU time for SECONDS, Java and native and kernel frames,
# written as collapsed stacks, then summed by bench/profile_summary.py.
#
#   bench/profile.sh PID [SECONDS] [OUT]      # OUT defaults to /tmp/jobcast-<pid>.collapsed
set -euo pipefail
PID=$1
SECONDS_=${2:-10}
OUT=${3:-/tmp/jobcast-$PID.collapsed}
VERSION=4.1
JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar"
[ -f "$JAR" ] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" >&2
LIB="$(mktemp -d)"
trap 'rm -rf "$LIB"' EXIT
(cd "$LIB" && unzip -q -o "$JAR" 'linux-x64/*')
# Loaded into the target as an agent, started, stopped after SECONDS_, dumped. The options are
# quoted twice: jcmd would read an unquoted "a=b" as one of its own named arguments.
agent() { jcmd "$PID" JVMTI.agent_load "$LIB/linux-x64/libasyncProfiler.so" "\"$1\"" | grep -q 'return code: 0' \
            || { echo "profile.sh: jcmd could not load async-profiler into $PID ($1)" >&2; exit 1; }; }
agent "start,event=cpu,interval=1ms"
sleep "$SECONDS_"
agent "stop,collapsed,file=$OUT"
python3 "$(dirname "$0")/profile_summary.py" "$OUT" 25
