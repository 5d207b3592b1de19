#!/usr/bin/env python3
"""The job-pipeline section of docs/benchmarks.md, from the figures bench/jobs.sh wrote.

    python3 bench/jobs_report.py DATA_DIR/jobs OUT_DIR     # prints the section (and draws its plot)

bench/report.py includes it in the page when DATA_DIR/jobs exists. Standard library only;
the plot is drawn with gnuplot.
"""
import glob
import json
import os
import subprocess
import sys

SERVERS = {"jobcast": "jobcast", "node": "Node peer (Fastify, socket.io 4.8, pg)"}
PATHS = {"rest": "single REST report (`POST /api/jobs/{id}/progress`)",
         "batch": "batch REST (`POST /api/reports`)",
         "socket": "Socket.IO worker channel (`/workers`, `report` with an ack)"}


def load(jobs_dir):
    """{(server+tag, path): [(offered, figures), ...]} sorted by offered rate, and the machine lines."""
    runs = {}
    for path in glob.glob(os.path.join(jobs_dir, "*.json")):
        name = os.path.basename(path)[:-5]
        parts = name.split(".")
        if len(parts) != 3 or parts[2] == "warmup" or name.startswith("machine"):
            continue
        server, ingest, rate = parts
        try:
            with open(path) as f:
                text = f.read().strip()
            figures = json.loads(text) if text else None
        except (OSError, ValueError):
            figures = None
        runs.setdefault((server, ingest), []).append((int(rate), figures))
    for key in runs:
        runs[key].sort(key=lambda r: r[0])
    machines = {}
    for path in glob.glob(os.path.join(jobs_dir, "machine*.json")):
        with open(path) as f:
            machines[os.path.basename(path)[len("machine"):-5]] = json.load(f)
    return runs, machines


def n(v, digits=0):
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def label(server):
    base = server.split("-")[0] if server.split("-")[0] in SERVERS else server
    name = SERVERS.get(base, server)
    tag = server[len(base):]
    return name + (f" ({tag.lstrip('-')})" if tag else "")


def table(runs, ingest):
    lines = ["| server | offered /s | accepted /s | refused, failed | report p50 / p99 ms | end-to-end p50 / p99 ms "
             "| delivered /s | order, terminal, journal | server CPU | PostgreSQL CPU |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for (server, path), rows in sorted(runs.items()):
        if path != ingest:
            continue
        for rate, r in rows:
            if not r:
                lines.append(f"| {label(server)} | {n(rate)} | failed (see the step's log) | | | | | | | |")
                continue
            checks = "ok" if r.get("problems") == "none" else r.get("problems", "?")
            lines.append("| {} | {} | {} | {}, {} | {} / {} | {} / {} | {} | {} | {} % | {} % |".format(
                label(server), n(r.get("offeredPerSecond")), n(r.get("acceptedPerSecond")), n(r.get("refused")),
                n(r.get("failed")), n(r.get("reportP50Ms"), 1), n(r.get("reportP99Ms"), 1), n(r.get("e2eP50Ms"), 1),
                n(r.get("e2eP99Ms"), 1), n(r.get("deliveriesPerSecond")), checks, n(r.get("serverCpuPercent")),
                n(r.get("dbCpuPercent"))))
    return lines


def plot(runs, jobs_dir, out):
    """Accepted reports/s against report p99, one line per server and path."""
    series = []
    for (server, path), rows in sorted(runs.items()):
        dat = os.path.join(jobs_dir, f"plot-{server}-{path}.dat")
        with open(dat, "w") as f:
            for rate, r in rows:
                if r and r.get("acceptedPerSecond"):
                    f.write(f"{r['acceptedPerSecond']} {max(r.get('reportP99Ms') or 0, 0.1)} "
                            f"{max(r.get('reportP50Ms') or 0, 0.1)}\n")
        series.append((f"{label(server)}, {path}", dat, server.startswith("node")))
    if not series:
        return None
    lines = ", ".join(f"'{d}' using ($1/1000):2 with linespoints lw 2 {'dt 2 ' if node else ''}title '{t}'"
                      for t, d, node in series)
    script = f"""
set terminal pngcairo size 960,680 font 'sans,11'
set grid
set key below horizontal maxcols 2
set logscale y
set xlabel 'accepted reports per second (thousands), persisted to PostgreSQL and broadcast'
set ylabel 'report latency p99 (ms, log scale)'
set output '{out}/jobs-accepted-vs-p99.png'
plot {lines}
"""
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
        return "jobs-accepted-vs-p99.png"
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"gnuplot failed: {e}", file=sys.stderr)
        return None


def clients(jobs_dir):
    """The independent client's figures (bench/peers/jobs-node/load.mjs), by server and path."""
    lines = []
    for path in sorted(glob.glob(os.path.join(jobs_dir, "*.client-*.json"))):
        name = os.path.basename(path)[:-5]
        server, what = name.split(".", 1)
        if what == "client-tokens":
            continue
        try:
            with open(path) as f:
                r = json.load(f)
        except (OSError, ValueError):
            lines.append(f"| {label(server)} | {what[len('client-'):]} | failed (see its log) | | | |")
            continue
        lines.append("| {} | {} | {} x {} | {} | {} | {} / {} |".format(
            label(server), r.get("path"), r.get("concurrency"), r.get("batch"), n(r.get("acceptedPerSecond")),
            n(r.get("refused")), n(r.get("roundTripP50Ms"), 1), n(r.get("roundTripP99Ms"), 1)))
    if not lines:
        return []
    return ["### The same paths from an independent client", "",
            "`bench/peers/jobs-node/load.mjs`: Node, the official socket.io-client and node:http, no code "
            "shared with `jobcast bench jobs`. Closed loop (each of the connections keeps one request or "
            "`report` event in flight), no watchers, same pinning, right after that server's runs above: "
            "what each path accepts when the client only waits for answers.", "",
            "| server | path | connections x reports per call | accepted /s | refused | round trip p50 / p99 ms |",
            "|---|---|---:|---:|---:|---:|"] + lines + [""]


def section(jobs_dir, out, rel):
    runs, machines = load(jobs_dir)
    if not runs:
        return []
    m = machines.get("", next(iter(machines.values()), {}))
    L = ["## The job pipeline: reports in, persisted, broadcast (`jobcast bench jobs`)", ""]
    L.append("```sh")
    L.append("bench/jobs.sh    # jobcast and the Node peer, every ingest path, rising rates")
    L.append("```")
    L.append("")
    L.append(f"- Run of commit {m.get('commit')} on {m.get('date')}: {m.get('cpu')}, {m.get('cores')} cores; "
             f"{m.get('java')}; Node {m.get('node')}; PostgreSQL {m.get('postgres')} on the same machine.")
    L.append(f"- {m.get('jobs')} external jobs with {m.get('watchers')} watcher each (`join_job` from seq 0); "
             f"workers report at the offered rate spread evenly over the jobs, {m.get('warmup')} s of warm-up, "
             f"then {m.get('step')} s measured; every job is completed at the end and its journal checked.")
    L.append(f"- Each server alone on a fresh database, pinned to CPU {m.get('serverCores')} (`taskset`), "
             f"the generator on CPU {m.get('generatorCores', '1')}, PostgreSQL unpinned. jobcast runs `serve` with "
             "`JOBCAST_MAX_UPDATES_PER_SECOND=0` (every report delivered); the Node peer is "
             "`bench/peers/jobs-node` (see `bench/peers/README.md`).")
    L.append("- Latencies count from each report's due time (open loop): report latency to its answer, "
             "end-to-end to a watcher receiving its `job_update`. \"ok\" in the checks column: no order "
             "violation, every watcher got its `completed`, every accepted report in the journal, nothing extra.")
    L.append("- A rate at which less than 80 % was accepted ends a path's run: higher rates are not tried.")
    if m.get("quick"):
        L.append("- **QUICK run: a few seconds per step; it checks the script, its figures are not to be compared.**")
    for tag, other in sorted(machines.items()):
        if tag:
            L.append(f"- `{tag.lstrip('-') or tag}`: the same at commit {other.get('commit')} with the server on CPUs "
                     f"{other.get('serverCores')} and the generator on CPUs {other.get('generatorCores', '1')} "
                     f"({other.get('date')}).")
    L.append("")
    notes = os.path.join(jobs_dir, "notes.md")
    if os.path.exists(notes):
        # What the person who ran it found, written after the run.
        with open(notes) as f:
            L.extend(f.read().rstrip().split("\n"))
        L.append("")
    picture = plot(runs, jobs_dir, out)
    if picture:
        L.append(f"![accepted reports per second against report p99]({rel}/{picture})")
        L.append("")
    for ingest, title in PATHS.items():
        if any(p == ingest for (_, p) in runs):
            L.append(f"### {title}")
            L.append("")
            L.extend(table(runs, ingest))
            L.append("")
    L.extend(clients(jobs_dir))
    return L


if __name__ == "__main__":
    jobs_dir, out = sys.argv[1], sys.argv[2]
    print("\n".join(section(jobs_dir, out, os.path.relpath(out, "docs"))))
