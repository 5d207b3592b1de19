// A second, independent client for the ingest paths: closed loop, in Node with the official
// socket.io-client and node:http, sharing no code with `jobcast bench jobs` (Java). It checks
// that bench's throughput figures against jobcast or this peer, without watchers.
//
//   node load.mjs --url http://127.0.0.1:3000 --tokens-file tokens.json --path rest|batch|socket
//                 [--jobs 200] [--seconds 20] [--concurrency 32] [--batch 1]
//
// tokens.json: {"user_token": ..., "worker_token": ...} (what server.mjs --tokens-file writes).
// Each of --concurrency loops keeps one request (or one `report` event) in flight, of --batch
// reports; it prints one JSON line: accepted/s, refused, round-trip p50/p99 in ms.
import http from "node:http";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { io } from "socket.io-client";

const { values: a } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "tokens-file": { type: "string" },
    path: { type: "string", default: "rest" },
    jobs: { type: "string", default: "200" },
    seconds: { type: "string", default: "20" },
    concurrency: { type: "string", default: "32" },
    batch: { type: "string", default: "1" },
  },
});
const tokens = JSON.parse(fs.readFileSync(a["tokens-file"], "utf8"));
const base = new URL(a.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(a.concurrency) + 4 });
const batch = Number(a.batch);

function post(path, token, body) {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: base.hostname, port: base.port, path, method: "POST", agent,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`,
        "content-length": Buffer.byteLength(data) },
    }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

const jobs = [];
for (let i = 0; i < Number(a.jobs); i++) {
  const r = await post("/api/jobs", tokens.user_token, { type: "load", runner: "external" });
  if (r.status !== 201) throw new Error(`creating a job: ${r.status} ${r.text}`);
  jobs.push(JSON.parse(r.text).id);
}

let n = 0, accepted = 0, refused = 0;
const rtt = [];
const next = () => { n++; return { job_id: jobs[n % jobs.length], progress: n % 100, message: `load ${n}` }; };
const items = () => Array.from({ length: batch }, next);
const end = Date.now() + Number(a.seconds) * 1000;

async function restLoop() {
  while (Date.now() < end) {
    const it = next();
    const t = performance.now();
    const r = await post(`/api/jobs/${it.job_id}/progress`, tokens.worker_token,
      { progress: it.progress, message: it.message });
    rtt.push(performance.now() - t);
    if (r.status === 200) accepted++; else refused++;
  }
}

async function batchLoop() {
  while (Date.now() < end) {
    const body = items();
    const t = performance.now();
    const r = await post("/api/reports", tokens.worker_token, body);
    rtt.push(performance.now() - t);
    if (r.status !== 200) { refused += body.length; continue; }
    const answer = JSON.parse(r.text);
    accepted += answer.accepted; refused += answer.rejected;
  }
}

async function socketLoop() {
  const s = io(`${a.url}/workers`, { auth: { token: tokens.worker_token }, transports: ["websocket"] });
  await new Promise((resolve, reject) => { s.on("connect", resolve); s.on("connect_error", reject); });
  while (Date.now() < end) {
    const body = items();
    const t = performance.now();
    const answer = await s.emitWithAck("report", body);
    rtt.push(performance.now() - t);
    accepted += answer.accepted ?? 0; refused += answer.rejected ?? body.length;
  }
  s.close();
}

const loop = { rest: restLoop, batch: batchLoop, socket: socketLoop }[a.path];
if (!loop) throw new Error(`--path must be rest, batch or socket, not ${a.path}`);
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(a.concurrency) }, loop));
const seconds = (performance.now() - t0) / 1000;
rtt.sort((x, y) => x - y);
const q = (p) => Number((rtt[Math.min(rtt.length - 1, Math.floor(p * rtt.length))] ?? 0).toFixed(1));
console.log(JSON.stringify({ path: a.path, concurrency: Number(a.concurrency), batch,
  acceptedPerSecond: Math.round(accepted / seconds), accepted, refused, calls: rtt.length,
  roundTripP50Ms: q(0.5), roundTripP99Ms: q(0.99) }));
process.exit(0);
