#!/usr/bin/env python3
"""Turns the JSON of one bench/run.sh run into docs/benchmarks.md and its PNG plots.

    python3 bench/report.py DATA_DIR OUT_DIR MARKDOWN_FILE

DATA_DIR holds <server>.<scenario>.json files written by `jobcast bench ... --json`, and
machine.json. Plots are drawn with gnuplot into OUT_DIR. Standard library only.
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jobs_report  # noqa: E402 (the job-pipeline section, from bench/jobs.sh's figures)

NAMES = {
    "jobcast": "jobcast (bench-target: room broadcast)",
    "jobcast-pekko": "jobcast on Pekko HTTP (bench-target --transport pekko-http)",
    "jobcast-jobs": "jobcast (jobs: persisted, then broadcast)",
    "node": "Node socket.io 4.8.4",
    "netty": "netty-socketio 2.0.14",
}

# Labels of the memory plot's bars.
SHORT = {"jobcast": "jobcast", "jobcast-pekko": "jobcast pekko-http", "jobcast-jobs": "jobcast jobs",
         "node": "Node socket.io", "netty": "netty-socketio"}


def load(data):
    runs = {}
    for path in sorted(glob.glob(os.path.join(data, "*.json"))):
        name = os.path.basename(path)[:-5]
        if name in ("machine", "jmh") or name.endswith(".warmup"):
            continue
        try:
            with open(path) as f:
                text = f.read().strip()
            runs[name] = json.loads(text) if text else None
        except (OSError, ValueError):
            runs[name] = None
    with open(os.path.join(data, "machine.json")) as f:
        machine = json.load(f)
    return runs, machine


def servers_of(runs):
    order = [s for s in NAMES if any(k.startswith(s + ".") for k in runs)]
    return order


def num(v, digits=0, unit=""):
    if v is None or v == "":
        return "–"
    if isinstance(v, str):
        try:
            v = float(v)
        except ValueError:
            return v
    if digits == 0:
        return f"{v:,.0f}{unit}"
    return f"{v:,.{digits}f}{unit}"


def kb(v):
    return "–" if v is None else f"{v / 1024:,.1f} KB"


def mb(v):
    return "–" if v is None else f"{v / 1048576:,.0f} MiB"


def get(runs, key):
    r = runs.get(key)
    return r if isinstance(r, dict) else None


def why_failed(key):
    """Why a step has no figures: KEY.failure.txt if the run's author kept the reason beside the
    data (logs are not committed), else the first exception line of the step's log."""
    kept = os.path.join(DATA_DIR, key + ".failure.txt")
    if os.path.exists(kept):
        with open(kept) as f:
            return f.read().strip()[:120]
    path = os.path.join(DATA_DIR, key + ".log")
    try:
        with open(path) as f:
            for line in f:
                if "Exception" in line or "Error" in line:
                    return line.strip().split(": ", 1)[-1][:120]
    except OSError:
        pass
    return "not run"


DATA_DIR = "."


def fanout_rows(runs, servers, scenario):
    rows = []
    for s in servers:
        r = get(runs, f"{s}.{scenario}")
        if r is None:
            rows.append(f"| {NAMES[s]} | failed: {why_failed(f'{s}.{scenario}')} | | | | | | | |")
            continue
        rows.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            NAMES[s], num(r.get("offeredPerSecond")), num(r.get("deliveredPerSecond")),
            num(r.get("missing")), num(r.get("latencyP50Ms"), 1), num(r.get("latencyP99Ms"), 1),
            num(r.get("latencyP999Ms"), 1), num(r.get("serverCpuPercent"), 0, " %"),
            mb(r.get("serverRssEnd"))))
    return rows


FANOUT_HEAD = ("| server | offered /s | delivered /s | missing | p50 ms | p99 ms | p99.9 ms | server CPU | "
               "server RSS |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")


def rates_of(runs, server):
    rates = []
    for k in runs:
        if k.startswith(server + ".fanout-1x1000-"):
            rates.append(int(k.rsplit("-", 1)[1]))
    return sorted(rates)


def plot(out, runs, servers):
    """Delivered/s and p99 against the offered rate (1 room x 1000), and memory per connection."""
    made = []
    series = []
    for s in servers:
        path = os.path.join(out, "data", f"plot-{s}.dat")
        with open(path, "w") as f:
            for rate in rates_of(runs, s):
                r = get(runs, f"{s}.fanout-1x1000-{rate}")
                if r:
                    f.write(f"{r.get('offeredPerSecond', 0)} {r.get('deliveredPerSecond', 0)} "
                            f"{max(r.get('latencyP99Ms', 0) or 0, 0.01)}\n")
        series.append((s, path))
    if not series:
        return made
    delivered = ", ".join(f"'{p}' using ($1/1000):($2/1000) with linespoints lw 2 title '{NAMES[s]}'"
                          for s, p in series)
    p99 = ", ".join(f"'{p}' using ($1/1000):3 with linespoints lw 2 title '{NAMES[s]}'" for s, p in series)
    script = f"""
set terminal pngcairo size 900,520 font 'sans,11'
set grid
set key top left
set xlabel 'offered deliveries per second (thousands), 1 room x 1000 subscribers'
set output '{out}/fanout-delivered.png'
set ylabel 'delivered per second (thousands)'
plot {delivered}, x with lines dt 2 lc rgb '#888888' title 'all delivered'
set output '{out}/fanout-p99.png'
set logscale y
set ylabel 'p99 latency (ms, log scale)'
plot {p99}
unset logscale y
"""
    mem = os.path.join(out, "data", "plot-memory.dat")
    with open(mem, "w") as f:
        for i, s in enumerate(servers):
            r = next((get(runs, k) for k in runs if k.startswith(s + ".connections-") and get(runs, k)), None)
            if r:
                heap = (r.get("serverHeapPerConnection") or 0) / 1024
                rss = (r.get("serverRssPerConnection") or 0) / 1024
                f.write(f"{i} \"{SHORT.get(s, s)}\" {heap:.2f} {rss:.2f}\n")
    script += f"""
set output '{out}/memory-per-connection.png'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set ylabel 'KB per idle connection'
set xlabel ''
set key top right
set xtics rotate by 0
plot '{mem}' using 3:xtic(2) title 'heap after GC', '' using 4 title 'RSS'
"""
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
        made = ["fanout-delivered.png", "fanout-p99.png", "memory-per-connection.png"]
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"gnuplot failed: {e}", file=sys.stderr)
    return made


def sustained(runs, server, p99_limit):
    """The highest offered rate (1 room x 1000) delivered in full (>= 99 %) with p99 under the limit."""
    best = None
    for rate in rates_of(runs, server):
        r = get(runs, f"{server}.fanout-1x1000-{rate}")
        if not r or not r.get("offeredPerSecond"):
            continue
        full = (r.get("delivered") or 0) >= 0.99 * (r.get("expected") or 0) and (r.get("expected") or 0) > 0
        if full and (r.get("latencyP99Ms") or 1e9) < p99_limit:
            best = max(best or 0, r["offeredPerSecond"])
    return best


def saturation(runs, server):
    """The most deliveries per second a server made at 1 room x 1000, whatever the rate offered."""
    made = [get(runs, f"{server}.fanout-1x1000-{rate}").get("deliveredPerSecond") or 0
            for rate in rates_of(runs, server) if get(runs, f"{server}.fanout-1x1000-{rate}")]
    return max(made) if made else None


def delivered_in_full(runs, server):
    """The highest offered rate (1 room x 1000) delivered in full: >= 99 % and nothing missing."""
    best = None
    for rate in rates_of(runs, server):
        r = get(runs, f"{server}.fanout-1x1000-{rate}")
        if r and r.get("expected") and (r.get("delivered") or 0) >= 0.99 * r["expected"] \
                and (r.get("missing") or 0) == 0:
            best = max(best or 0, r["offeredPerSecond"])
    return best


def targets(runs, servers):
    """The issue's targets, measured: one row each, met or not, for the jobcast rows."""
    L = ["## Targets", "", "| target | server | measured | met |", "|---|---|---|---|"]

    def row(target, server, measured, met):
        L.append(f"| {target} | {NAMES[server]} | {measured} | {'yes' if met else '**no**'} |")

    for s in (x for x in servers if x.startswith("jobcast")):
        best = sustained(runs, s, 50)
        row("1 room x 1000: >= 138k deliveries/s with p99 < 50 ms", s,
            "highest such rate: " + (num(best) + "/s" if best else "none of the rates tried"), (best or 0) >= 138_000)
        node = saturation(runs, "node") if "node" in servers else None
        if node:
            full = delivered_in_full(runs, s)
            row(f"1 room x 1000: delivered in full at twice Node's saturation (2 x {num(node)}/s)", s,
                "highest rate delivered in full: " + (num(full) + "/s" if full else "none of the rates tried"),
                (full or 0) >= 2 * node)
        big = next((get(runs, k) for k in runs if k.startswith(s + ".fanout-1x") and k.endswith("-5")
                    and not k.startswith(s + ".fanout-1x1000-")), None)
        if big:
            row("1 room x 5000 at 5/s: p99 <= 60 ms", s, num(big.get("latencyP99Ms"), 1) + " ms",
                (big.get("latencyP99Ms") or 1e9) <= 60 and big.get("missing", 1) == 0)
        many = next((get(runs, k) for k in runs if k.startswith(s + ".fanout-") and "x5-10" in k), None)
        if many:
            row("1000 rooms x 5 at 10/s: sustained, p99 < 10 ms", s,
                f"{num(many.get('deliveredPerSecond'))}/s of {num(many.get('offeredPerSecond'))}/s, p99 "
                f"{num(many.get('latencyP99Ms'), 1)} ms",
                (many.get("latencyP99Ms") or 1e9) < 10 and (many.get("missing") or 0) == 0)
        idle = next((get(runs, k) for k in runs if k.startswith(s + ".connections-") and get(runs, k)), None)
        if idle:
            heap = (idle.get("serverHeapPerConnection") or 0) / 1024
            rss = (idle.get("serverRssPerConnection") or 0) / 1024
            row(f"{num(idle.get('requested'))} idle connections: <= 6 KB heap, <= 12 KB RSS each", s,
                f"{heap:.1f} KB heap, {rss:.1f} KB RSS", heap <= 6 and 0 < rss <= 12)
            row("connect rate >= 2,000/s", s, num(idle.get("connectRate")) + "/s", (idle.get("connectRate") or 0) >= 2000)
        over = next((get(runs, k) for k in runs if k.startswith(s + ".overload-") and get(runs, k)), None)
        if over:
            start, end = over.get("serverRssStart"), over.get("serverRssEnd")
            row("overload: memory stays bounded", s, f"RSS {mb(start)} at the start, {mb(end)} at the end; "
                f"{num(over.get('clientsDropped'))} slow clients dropped", bool(end) and end < 4 * 1024 ** 3)
    pg = get(runs, "persist-postgres")
    if pg:
        L.append(f"| >= 10,000 progress events persisted per second to PostgreSQL | jobcast | "
                 f"{num(pg.get('persistedPerSecond'))}/s | {'yes' if (pg.get('persistedPerSecond') or 0) >= 10000 else '**no**'} |")
    L.append("")
    return L


def histogram(path, connections):
    """Heap by owner (package) from `jmap -histo:live`, per idle connection."""
    import re
    owners = [("org.apache.pekko.stream", "Pekko Streams (the connection's materialized stream)"),
              ("org.apache.pekko.http", "Pekko HTTP (server pipeline, WebSocket)"),
              ("org.apache.pekko", "Pekko actors and the rest of Pekko"),
              ("dev.jobcast", "jobcast (session actor, socket, queue, decoder)"),
              ("scala.", "Scala collections (stream attributes on Pekko HTTP; actor props and watch sets on the lean path)")]
    sums = {label: 0 for _, label in owners}
    other = 0
    total = 0
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if not m:
                continue
            size, cls = int(m.group(2)), m.group(3).lstrip("[").lstrip("L")
            total += size
            for prefix, label in owners:
                if cls.startswith(prefix):
                    sums[label] += size
                    break
            else:
                other += size
    rows = [(label, b) for label, b in sums.items()] + [("JDK objects and arrays (maps, strings, buffers)", other)]
    L = ["| owner | heap | per connection |", "|---|---:|---:|"]
    for label, b in rows:
        L.append(f"| {label} | {b / 1048576:,.1f} MiB | {b / connections / 1024:,.1f} KiB |")
    L.append(f"| all live objects (baseline included) | {total / 1048576:,.1f} MB | {total / connections / 1024:,.1f} KB |")
    return L


# How to run `jobcast bench jobs` against a deployment: static text under "How it was run"
# (bench/run.sh does not run it, so the page says what it measures and how, with no figures).
JOBS_HOWTO = [
    "### The job pipeline end to end: `jobcast bench jobs`",
    "",
    "Not a step of `bench/run.sh`: `jobcast bench jobs` measures the whole job pipeline of a server of "
    "the ingest contract (jobcast, or a peer implementing it), and can be "
    "pointed at any deployment reachable over plain `http://`. It creates `--jobs` external jobs, "
    "opens `--watchers` Socket.IO connections per job (each its own WebSocket, `join_job` from seq 0), "
    "then has workers report progress at `--rate` reports per job per second for `--warmup` + "
    "`--duration` seconds over one path: `--path rest` (`POST /api/jobs/{id}/progress`, one request in "
    "flight on each of `--connections` keep-alive connections), `batch` (`POST /api/reports`, the reports "
    "due so far every `--batch-interval-ms`, at most `--batch-size` per batch) or `socket` (`report` events "
    "with an ack on `/workers`, at most `--max-in-flight` unanswered per connection). The load is open "
    "loop: each report has a due time, the jobs are phase-shifted evenly, and a slow answer never delays "
    "the next report. At the end every job gets a `complete` through the same path. It reports:",
    "",
    "- accepted reports/s and deliveries/s: the answers and `job_update`s that came in the measured window "
    "(the warmup is left out); refused and failed reports by reason;",
    "- report latency (due time to the answer) and end-to-end latency (due time, written in the report's "
    "message, to a watcher receiving its `job_update`), p50 and p99. Both count from the due time, so "
    "time a report waited in the generator (for a connection, a batch, room in flight) counts too;",
    "- order violations (a watcher's `seq` not previous + 1), watchers that did not get the `completed` "
    "update within `--grace` seconds, and journal completeness: every job's `GET /api/jobs/{id}/events` "
    "against the accepted reports plus created, started and completed (lost and extra events);",
    "- CPU of the server (`--server-pid`), of the database (`--db-pids`, or `--db-procname postgres` for "
    "every process of that name) and of the generator itself.",
    "",
    "A table by default, one JSON object with `--json`; the exit status is 1 when anything was lost, out of "
    "order or missing. Run the server with conflation off, so that every report is delivered (with it on, "
    "watchers see the conflated updates as gaps). The worker token needs role `worker`, and both users must "
    "exist:",
    "",
    "```sh",
    "JOBCAST_MAX_UPDATES_PER_SECOND=0 java -jar target/jobcast.jar serve & SERVER_PID=$!",
    "java -jar target/jobcast.jar user add --email bench-user@example.com     # prints its id, here 2",
    "java -jar target/jobcast.jar user add --email bench-worker@example.com   # here 3",
    "java -jar target/jobcast.jar bench jobs --url http://127.0.0.1:8000 \\",
    "  --user-token \"$(java -jar target/jobcast.jar token --user-id 2 --role user --ttl 1h)\" \\",
    "  --worker-token \"$(java -jar target/jobcast.jar token --user-id 3 --role worker --ttl 1h)\" \\",
    "  --path rest --jobs 100 --watchers 1 --rate 10 --warmup 5 --duration 20 --server-pid $SERVER_PID",
    "```",
    "",
    "When PostgreSQL runs on the generator's machine, add `--db-procname postgres` for its CPU. "
    "`jobcast bench jobs --help` lists every option.",
    "",
]


def main():
    global DATA_DIR
    data, out, md_path = sys.argv[1], sys.argv[2], sys.argv[3]
    DATA_DIR = data
    runs, machine = load(data)
    servers = servers_of(runs)
    plots = plot(out, runs, servers)
    rel = os.path.relpath(out, os.path.dirname(md_path))
    L = []
    L.append("# Benchmarks")
    L.append("")
    L.append("jobcast side by side with the servers its users would pick instead, on one machine, in "
             "one run, driven by one load generator (`jobcast bench`). Written by `bench/run.sh`; "
             "the raw figures of every step are in [`docs/benchmarks/data/`](benchmarks/data/).")
    if machine.get("quick"):
        L.append("")
        L.append("**This is a QUICK run (a few seconds per step): it checks the script, its figures "
                 "are not to be compared.**")
    L.append("")
    L.append("## How it was run")
    L.append("")
    L.append("```sh")
    L.append("bench/run.sh    # from the repository root; QUICK=1 for a smoke run of the script")
    L.append("```")
    L.append("")
    L.append(f"- Machine: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('memory')}, "
             f"Linux {machine.get('kernel')}; {machine.get('java')}; Node {machine.get('node')}.")
    L.append(f"- Commit {machine.get('commit')}, {machine.get('date')}; {machine.get('step')} s per step.")
    if machine.get("note"):
        L.append(f"- **{machine['note']}**")
    L.append("- Each server runs alone, pinned to CPU 0 (`taskset -c 0`) with its default settings; the "
             "generator is pinned to CPU 1 and spreads its connections over 127.0.0.1-8. WebSocket "
             "transport. Latency is the receive time minus the send time written in the payload "
             "(`ts`; for the jobs row, the event's `timestamp`, taken when the report was accepted, "
             "so it includes persisting it).")
    L.append("- Every server paces `/publish` alike (`bench/peers/README.md`): K rooms at R updates/s "
             "get one broadcast every 1/(K x R) s, room k's update n due (n-1)/R + k/(K x R) s after "
             "the start, each room its own phase, rather than all K rooms at once every 1/R s.")
    L.append("- Servers: " + "; ".join(f"**{NAMES[s]}**" for s in servers) + ". The peers are under "
             "`bench/peers/` (see its README); jobcast is measured as a plain room broadcast "
             "(`bench-target`, on its lean transport and on Pekko HTTP) and as the real thing (each "
             "update a job event persisted to the journal, then broadcast to room `job_{id}`).")
    for s in servers:
        restarts = os.path.join(data, f"{s}.restarts.txt")
        if os.path.exists(restarts):
            with open(restarts) as f:
                said = [line.strip() for line in f if line.strip()]
            if said:
                L.append(f"- **{NAMES[s]}**: " + "; ".join(said) + f" (its logs: `{s}.server.before-*.log`).")
    L.append("")
    L.extend(JOBS_HOWTO)
    L.extend(jobs_report.section(os.path.join(data, "jobs"), out, rel))
    notes = os.path.join(data, "notes.md")
    if os.path.exists(notes):
        # What the person who ran it found, written after the run: the figures do not explain themselves.
        L.append("## Reading these figures")
        L.append("")
        with open(notes) as f:
            L.extend(f.read().rstrip().split("\n"))
        L.append("")
    if plots:
        L.append("## Plots")
        L.append("")
        for p in plots:
            L.append(f"![{p[:-4]}]({rel}/{p})")
            L.append("")
    L.extend(targets(runs, servers))
    L.append("## Fan-out: 1 room x 1000 subscribers")
    L.append("")
    rates = sorted({r for s in servers for r in rates_of(runs, s)})
    for rate in rates:
        L.append(f"### {rate} updates/s to the room ({rate * 1000:,} deliveries/s offered)")
        L.append("")
        L.append(FANOUT_HEAD)
        L.extend(fanout_rows(runs, servers, f"fanout-1x1000-{rate}"))
        L.append("")
    for title, prefix in (("Overload: 1 room x 1000 well past saturation", "overload-1x1000-"),
                          ("One big room at 5 updates/s", "fanout-1x"),
                          ("Many small rooms (5 subscribers each)", None)):
        keys = sorted({k.split(".", 1)[1] for k in runs if "." in k and (
            (prefix and k.split(".", 1)[1].startswith(prefix) and not k.split(".", 1)[1].startswith("fanout-1x1000-"))
            or (prefix is None and "x5-" in k.split(".", 1)[1]))})
        for scenario in keys:
            L.append(f"## {title} ({scenario})")
            L.append("")
            L.append(FANOUT_HEAD)
            L.extend(fanout_rows(runs, servers, scenario))
            L.append("")
    L.append("## Idle connections")
    L.append("")
    L.append("| server | connections | connect rate /s | connect p99 ms | heap per connection (after GC) | "
             "RSS per connection | failed |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    for s in servers:
        r = next((get(runs, k) for k in sorted(runs) if k.startswith(s + ".connections-") and get(runs, k)), None)
        if r is None:
            L.append(f"| {NAMES[s]} | failed or not run | | | | | |")
            continue
        L.append("| {} | {} | {} | {} | {} | {} | {} |".format(
            NAMES[s], num(r.get("ready")), num(r.get("connectRate")), num(r.get("connectP99Ms"), 1),
            kb(r.get("serverHeapPerConnection")), kb(r.get("serverRssPerConnection")), num(r.get("failed"))))
    L.append("")
    for s in ("jobcast", "jobcast-pekko", "jobcast-jobs"):
        path = os.path.join(data, f"{s}.histogram.txt")
        idle = next((get(runs, k) for k in runs if k.startswith(s + ".connections-") and get(runs, k)), None)
        if os.path.exists(path) and os.path.getsize(path) > 0 and idle and idle.get("ready"):
            L.append(f"### Where {NAMES[s]}'s heap goes with {num(idle.get('ready'))} idle connections")
            L.append("")
            L.append("From `jmap -histo:live` while the connections idled, classes grouped by owner:")
            L.append("")
            L.extend(histogram(path, idle["ready"]))
            L.append("")
            L.append("jobcast's own state per connection is the `jobcast` row (the Engine.IO session actor, the "
                     "socket, its bounded outbound queue, the connection actor and its decoder). On the lean "
                     "transport the rest is mostly Pekko's: three actors per connection (Pekko IO's TCP "
                     "connection, the lean connection, the session) and the JDK's socket objects. On Pekko "
                     "HTTP, nearly all of it is the server pipeline and the WebSocket's stream graph that "
                     "Pekko HTTP materializes for each connection.")
            L.append("")
    L.append("## Persistence (jobcast)")
    L.append("")
    L.append("| database | jobs x reports | events persisted /s | report-to-persisted p50 ms | p99 ms | errors |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for db in ("postgres", "h2"):
        r = get(runs, f"persist-{db}")
        if r:
            L.append("| {} | {} x {} | {} | {} | {} | {} |".format(
                "PostgreSQL" if db == "postgres" else "H2 (embedded)", num(r.get("jobs")),
                num(r.get("reportsPerJob")), num(r.get("persistedPerSecond")), num(r.get("latencyP50Ms"), 1),
                num(r.get("latencyP99Ms"), 1), num(r.get("errors"))))
    L.append("")
    for key in sorted(k for k in runs if k.startswith("recover-")):
        r = get(runs, key)
        if not r:
            continue
        L.append(f"### Recovering a long job ({key[len('recover-'):]})")
        L.append("")
        L.append("| figure | value |")
        L.append("|---|---:|")
        for k, v in r.items():
            if k != "scenario":
                L.append(f"| {k} | {v if isinstance(v, str) else num(v, 1 if isinstance(v, float) else 0)} |")
        L.append("")
    jmh_path = os.path.join(data, "jmh.json")
    if os.path.exists(jmh_path):
        try:
            with open(jmh_path) as f:
                jmh = json.load(f)
        except ValueError:
            jmh = []
        if jmh:
            L.append("## Micro-benchmarks (JMH, one fork, pinned to CPU 0)")
            L.append("")
            L.append("| benchmark | params | score | error (99.9 %) | unit |")
            L.append("|---|---|---:|---:|---|")
            for b in jmh:
                name = b["benchmark"].replace("dev.jobcast.bench.jmh.", "")
                params = ", ".join(f"{k}={v}" for k, v in (b.get("params") or {}).items())
                m = b["primaryMetric"]
                err = m.get("scoreError")
                err = f"{err:,.3f}" if isinstance(err, (int, float)) else "–"
                L.append(f"| {name} | {params} | {m['score']:,.3f} | {err} | {m['scoreUnit']} |")
            L.append("")
    with open(md_path, "w") as f:
        f.write("\n".join(L).rstrip() + "\n")


if __name__ == "__main__":
    main()
