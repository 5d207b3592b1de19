#!/usr/bin/env python3
"""Where a server's CPU goes: async-profiler's collapsed stacks (bench/profile.sh) summed by
category (the first pattern in CATS that any frame of a sample matches) and by leaf frame.

    python3 bench/profile_summary.py PROFILE.collapsed [TOP_N] [REGEX: also inclusive frames matching]
"""
import sys, collections, re
f = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
CATS = [  # a sample goes to the first category, in this order, that any of its frames matches
    ("GC", r"G1|GCTaskThread|ConcurrentGCThread|WorkerThread::run|GangWorker|Parallel|SafepointSynchronize"),
    ("JIT compiler", r"CompileBroker|C2Compiler|C1_|Compile::|PhaseIdealLoop|JVMCI"),
    ("JDBC/PostgreSQL driver", r"org/postgresql/"),
    ("H2", r"org/h2/"),
    ("Slick", r"^slick/|;slick/"),
    ("HikariCP", r"com/zaxxer/hikari"),
    ("read-side projection", r"dev/jobcast/jobs/JobProjection|dev/jobcast/jobs/JobReadSide|dev/jobcast/jobs/JournalReader"),
    ("Pekko HTTP", r"org/apache/pekko/http/"),
    ("jobcast lean transport", r"dev/jobcast/transport/"),
    ("Pekko IO (TCP)", r"org/apache/pekko/io/"),
    ("pekko-persistence-jdbc", r"org/apache/pekko/persistence/jdbc/"),
    ("pekko persistence (typed/journal)", r"org/apache/pekko/persistence/"),
    ("jobcast socketio/engineio", r"dev/jobcast/(socketio|engineio)/"),
    ("jobcast jobs/auth/api", r"dev/jobcast/"),
    ("Pekko streams", r"org/apache/pekko/stream/"),
    ("Pekko actors/dispatch", r"org/apache/pekko/(actor|dispatch)/"),
    ("Jackson", r"com/fasterxml/jackson"),
]
cats = collections.Counter(); selfc = collections.Counter(); total = 0; kernel = 0
incl = collections.Counter()
for line in open(f):
    line = line.rstrip("\n")
    if not line: continue
    stack, cnt = line.rsplit(" ", 1); cnt = int(cnt); total += cnt
    frames = stack.split(";")
    leaf = frames[-1]
    selfc[leaf] += cnt
    if leaf.endswith("_[k]"): kernel += cnt
    for name, pat in CATS:
        if re.search(pat, stack):
            cats[name] += cnt; break
    else:
        cats["other (JVM, libc, kernel without Java frames)"] += cnt
    for fr in set(frames): incl[fr] += cnt
print(f"samples {total}  (kernel leaf {100*kernel/total:.1f}%)")
print("--- by category (first match in this order: GC, JIT, JDBC, ... actors, Jackson)")
for k, v in cats.most_common(): print(f"{100*v/total:5.1f}%  {k}")
print("--- self (leaf)")
for k, v in selfc.most_common(n): print(f"{100*v/total:5.1f}%  {k}")
if len(sys.argv) > 3:
    print("--- inclusive matching", sys.argv[3])
    for k, v in incl.most_common():
        if re.search(sys.argv[3], k): print(f"{100*v/total:5.1f}%  {k}")
