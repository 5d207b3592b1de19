// A quick check of a running jobs peer against the ingest contract; starts nothing itself.
//
//   node smoke.mjs [--url http://127.0.0.1:3000] --tokens-file FILE
//
// Creates three jobs, watches them from a socket that joins each with since 0, reports on
// them by the three paths (single REST, a REST batch with one bad item, the /workers socket
// with acks, some of them concurrently), completes them, then checks what the watcher saw,
// the journals and the refusals. Exits 1 on the first failure.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { io } from "socket.io-client";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "tokens-file": { type: "string" },
  },
});
if (!args["tokens-file"]) {
  console.error("usage: node smoke.mjs [--url URL] --tokens-file FILE");
  process.exit(2);
}
const { user_token: userToken, worker_token: workerToken } = JSON.parse(readFileSync(args["tokens-file"], "utf8"));
const base = args.url.replace(/\/$/, "");
const sockets = [];

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok   ${what}`);
}

async function call(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

function connect(namespace, token) {
  const socket = io(base + namespace, { auth: { token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  return socket;
}

function once(socket, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

async function until(test, what, ms = 5000) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  // ---- Jobs, and a watcher joining each with since 0 ----
  const jobs = [];
  for (let k = 0; k < 3; k++) {
    const r = await call("POST", "/api/jobs", userToken, { type: "bench", runner: "external" });
    check(r.status === 201 && r.body.status === "queued" && r.body.seq === 1, `job ${k + 1} created (201, queued, seq 1)`);
    jobs.push(r.body.id);
  }
  const [viaRest, viaBatch, viaWorkers] = jobs;

  const watcher = connect("/", userToken);
  const hello = await once(watcher, "connected");
  check(typeof hello.user_id === "number", "watcher connected (connected event with user_id)");
  const seen = new Map(jobs.map((id) => [id, []])); // job id -> job_update payloads, in arrival order
  const log = []; // every job_update and job_status, in arrival order
  watcher.on("job_update", (u) => {
    seen.get(u.job_id)?.push(u);
    log.push(["update", u.job_id, u.seq]);
  });
  watcher.on("job_status", (s) => log.push(["status", s.job_id, s.seq]));
  watcher.on("error", (e) => console.log(`note watcher error event: ${JSON.stringify(e)}`));
  for (const id of jobs) {
    const status = await watcher.timeout(5000).emitWithAck("join_job", { job_id: id, since: 0 });
    check(status.job_id === id && status.status === "queued" && status.seq === 1, `join_job ${id} acked with job_status seq 1`);
  }
  const replayed = log.filter(([kind, id, seq]) => kind === "update" && seq === 1).map(([, id]) => id);
  check(replayed.join() === jobs.join(), "since 0 replayed each job's created event before its job_status");

  // ---- Path 1: single REST reports ----
  let r = await call("POST", `/api/jobs/${viaRest}/progress`, workerToken, { progress: 5, message: "first", stage: "a" });
  check(r.status === 200 && r.body.status === "running" && r.body.seq === 3, "first REST progress started the job (seq 3: started + progress)");
  r = await call("POST", `/api/jobs/${viaRest}/progress`, workerToken, { progress: 5, message: "first" });
  check(r.status === 200 && r.body.seq === 3, "an identical report answers 200 and writes nothing");
  r = await call("POST", `/api/jobs/${viaRest}/progress`, workerToken, { progress: 101 });
  check(r.status === 400 && r.body.error === "bad_request", "progress 101 refused with 400 bad_request");
  r = await call("POST", `/api/jobs/${viaRest}/progress`, userToken, { progress: 6 });
  check(r.status === 403 && r.body.error === "forbidden", "a user token on a worker endpoint gets 403 forbidden");
  r = await call("POST", `/api/jobs/${viaRest}/progress`, "not-a-token", { progress: 6 });
  check(r.status === 401 && r.body.error === "unauthorized", "a bad token gets 401 unauthorized");
  // Concurrent reports on one job: each is answered, and the watcher must still see seq order.
  const many = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    call("POST", `/api/jobs/${viaRest}/progress`, workerToken, { progress: 10 + i, message: `step ${i}` })));
  check(many.every((x) => x.status === 200), "40 concurrent REST reports on one job all answered 200");
  const restSeqs = many.map((x) => x.body.seq).sort((a, b) => a - b);
  check(restSeqs.every((s, i) => s === 4 + i), "the concurrent reports got seqs 4..43, one each");

  // ---- Path 2: a REST batch with one bad item ----
  const batch = [
    { job_id: viaBatch, progress: 10, message: "batch one" },
    { job_id: viaBatch, progress: 101 },
    { job_id: viaBatch, stage: "loading" },
    { job_id: viaBatch, type: "progress", progress: 30 },
  ];
  r = await call("POST", "/api/reports", workerToken, batch);
  const res = r.body.results;
  check(r.status === 200 && res.length === 4 && r.body.accepted === 3 && r.body.rejected === 1, "batch answered 200, 3 accepted, 1 rejected");
  check(res[0].ok && res[0].job_id === viaBatch && res[0].seq === 3 && res[0].status === "running" && res[0].progress === 10,
    "batch item 1 accepted (started the job, seq 3)");
  check(!res[1].ok && res[1].job_id === viaBatch && res[1].error === "bad_request" && typeof res[1].message === "string",
    "batch item 2 (progress 101) refused with bad_request, the others unharmed");
  check(res[2].ok && res[2].seq === 4 && res[2].progress === 10, "batch item 3 (stage only) accepted, progress unchanged");
  check(res[3].ok && res[3].seq === 5 && res[3].progress === 30, "batch item 4 accepted, in order");
  r = await call("POST", "/api/reports", workerToken, [{ job_id: 999999999, progress: 1 }, { progress: 1 }]);
  check(r.body.results[0].error === "not_found" && r.body.results[1].job_id === null && r.body.results[1].error === "bad_request",
    "batch refuses a missing job (not_found) and an item without job_id (job_id null)");
  r = await call("POST", "/api/reports", workerToken, []);
  check(r.status === 400 && r.body.error === "bad_request", "an empty batch is a 400");

  // ---- Path 3: the /workers socket, with acks ----
  const refused = connect("/workers", userToken);
  const err = await once(refused, "connect_error");
  check(err.data?.code === "forbidden" && /role worker/.test(err.message), "a user token on /workers gets CONNECT_ERROR code forbidden");
  const worker = connect("/workers", workerToken);
  await once(worker, "connect");
  const one = await worker.timeout(5000).emitWithAck("report", { job_id: viaWorkers, progress: 20, message: "socket" });
  check(one.ok && one.job_id === viaWorkers && one.seq === 3 && one.status === "running", "a single report acked with its item result (seq 3)");
  const arr = await worker.timeout(5000).emitWithAck("report", [
    { job_id: viaWorkers, progress: 40 },
    { job_id: viaWorkers, progress: -1 },
    { job_id: viaWorkers, progress: 60, stage: "s" },
  ]);
  check(arr.accepted === 2 && arr.rejected === 1 && arr.results[0].seq === 4 && !arr.results[1].ok && arr.results[2].seq === 5,
    "an array report acked with {results, accepted, rejected}, per item and in order");
  const acks = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    worker.timeout(5000).emitWithAck("report", { job_id: viaWorkers, progress: 61 + i })));
  check(acks.every((a) => a.ok), "40 reports sent at once on the socket all acked ok");

  // ---- Complete the jobs, one per path ----
  r = await call("POST", `/api/jobs/${viaRest}/complete`, workerToken, { result: { rows: 42 } });
  check(r.status === 200 && r.body.status === "completed" && r.body.progress === 100, "REST complete answered the completed job");
  r = await call("POST", `/api/jobs/${viaRest}/progress`, workerToken, { progress: 1 });
  check(r.status === 409 && r.body.error === "conflict", "a report on a completed job gets 409 conflict");
  r = await call("POST", "/api/reports", workerToken, [{ job_id: viaBatch, type: "complete" }]);
  check(r.body.results[0].ok && r.body.results[0].status === "completed", "batch complete accepted");
  const done = await worker.timeout(5000).emitWithAck("report", { job_id: viaWorkers, type: "complete", result: "fine" });
  check(done.ok && done.status === "completed", "socket complete acked");

  // ---- What the watcher saw, against the jobs and their journals ----
  const finals = new Map();
  for (const id of jobs) finals.set(id, (await call("GET", `/api/jobs/${id}`, userToken)).body);
  await until(() => jobs.every((id) => seen.get(id).length >= finals.get(id).seq), "the watcher's last updates");
  await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate would show up by now
  for (const id of jobs) {
    const final = finals.get(id);
    const got = seen.get(id);
    check(final.status === "completed", `job ${id} is completed (seq ${final.seq})`);
    check(got.map((u) => u.seq).join() === Array.from({ length: final.seq }, (_, i) => i + 1).join(),
      `job ${id}: the watcher got seq 1..${final.seq} in order, no gap, no duplicate`);
    check(got.at(-1).event === "completed" && got.at(-1).status === "completed", `job ${id}: the last update is the completion`);
    const journal = await call("GET", `/api/jobs/${id}/events?since=0&limit=1000`, userToken);
    const evs = journal.body.events;
    check(journal.status === 200 && journal.body.job_id === id && evs.length === final.seq
      && evs.every((e, i) => e.seq === i + 1 && e.type === got[i].event && typeof e.timestamp === "string"),
    `job ${id}: /events lists all ${final.seq} events, the same as the watcher saw`);
  }
  const started = seen.get(viaRest).slice(1, 3).map((u) => u.event).join();
  check(started === "started,progress", "an external job's first report wrote started then progress");
  const later = await call("GET", `/api/jobs/${viaRest}/events?since=40&limit=2`, userToken);
  check(later.body.events.map((e) => e.seq).join() === "41,42", "/events honours since and limit");
}

try {
  await main();
  console.log("smoke: all checks passed");
} catch (e) {
  console.error(`FAIL ${e.message}`);
  process.exitCode = 1;
} finally {
  for (const s of sockets) s.close();
}
