// Shared helpers of the live-contract tests (live/*.test.mjs): the two jobcast servers
// LiveNodeTest (JUnit) started, their users and tokens, the REST API through Node's fetch,
// and promise-based waiting on socket.io-client events with clear failure messages.
//
// LiveNodeTest passes everything in JOBCAST_LIVE (JSON):
//   { mint: "http://127.0.0.1:P",               // GET /token?server=off|on&user=a|b&ttl=S -> {token, exp}
//     servers: { off: Server, on: Server } }     // conflation off (every event) / on (10 per s)
//   Server = { name, url, inboundBurst, inboundPerSecond, recoveryMaxPackets, maxJobsPerConnection,
//              users: { a, b, worker },           // user ids
//              tokens: { a, b, worker, expired, badSignature, unknownUser } }
import assert from "node:assert/strict";
import net from "node:net";
import { io } from "socket.io-client";

const raw = process.env.JOBCAST_LIVE;
if (!raw) {
  throw new Error("JOBCAST_LIVE is not set: run these tests through LiveNodeTest "
    + "(mvn test -Dtest=dev.jobcast.live.LiveNodeTest)");
}
export const LIVE = JSON.parse(raw);
/** The server with conflation off: every persisted event is broadcast. */
export const OFF = LIVE.servers.off;
/** The server with conflation on (max-updates-per-second = 10). */
export const ON = LIVE.servers.on;

/** How long one wait may take before the test fails with a message (a loaded machine is slow). */
export const WAIT_MS = 10000;

/** The transport setups the contract is proven on. */
export const TRANSPORTS = [
  { name: "websocket", transports: ["websocket"], final: "websocket" },
  { name: "polling then websocket", transports: ["polling", "websocket"], final: "websocket" },
];

export const STATUSES = ["queued", "running", "completed", "failed", "cancelled"];
export const EVENTS = ["created", "started", "progress", "completed", "failed", "cancelled"];

/** Rejects with `what` if `promise` does not settle within `ms`. */
export function within(promise, what, ms = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- tokens ---------------------------------------------------------------------------------

/** A fresh token of `user` ("a" or "b") on `server`, signed by the server's own issuer now. */
export async function mint(server, user, ttlSeconds) {
  const res = await fetch(`${LIVE.mint}/token?server=${server.name}&user=${user}&ttl=${ttlSeconds}`);
  assert.equal(res.status, 200, `minting a token: ${await res.clone().text()}`);
  return res.json(); // {token, exp} (exp in epoch seconds)
}

// ---- REST -----------------------------------------------------------------------------------

/** Calls the REST API; with `expected`, fails unless the status is that. Returns {status, body}. */
export async function api(server, token, method, path, body, expected) {
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
  }
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (expected !== undefined) {
    assert.equal(res.status, expected, `${method} ${path} answered ${res.status}: ${text}`);
  }
  return { status: res.status, body: json };
}

/** POST /api/jobs as user `who`; returns the created job. */
export async function createJob(server, body, who = "a") {
  return (await api(server, server.tokens[who], "POST", "/api/jobs", body, 201)).body;
}

/** An external job (run by the test's worker) of user `who`. */
export function externalJob(server, who = "a") {
  return createJob(server, { type: "live-test", runner: "external", input: { test: true } }, who);
}

export async function getJob(server, id, who = "a") {
  return (await api(server, server.tokens[who], "GET", `/api/jobs/${id}`, undefined, 200)).body;
}

/** The whole journal of a job (GET /api/jobs/{id}/events, page by page). */
export async function journal(server, id, who = "a") {
  const events = [];
  for (;;) {
    const since = events.length === 0 ? 0 : events[events.length - 1].seq;
    const page = (await api(server, server.tokens[who], "GET",
      `/api/jobs/${id}/events?since=${since}&limit=1000`, undefined, 200)).body;
    assert.equal(page.job_id, id);
    events.push(...page.events);
    if (page.events.length < 1000) {
      return events;
    }
  }
}

/** The worker API, with the worker's token. */
export const worker = {
  progress: (server, id, progress, message) =>
    api(server, server.tokens.worker, "POST", `/api/jobs/${id}/progress`, { progress, message }, 200),
  complete: (server, id, result) =>
    api(server, server.tokens.worker, "POST", `/api/jobs/${id}/complete`, { result }, 200),
  fail: (server, id, error) =>
    api(server, server.tokens.worker, "POST", `/api/jobs/${id}/fail`, { error }, 200),
};

/**
 * A worker reporting as fast as it can: reports `from`..`from+count-1`, each different from
 * the one before (message "report i", progress i % 100), so that each is a journal event.
 * `onReport(done)` runs after each report (the test joins or cuts a connection there).
 */
export async function reportMany(server, id, count, { from = 0, onReport } = {}) {
  for (let i = from; i < from + count; i++) {
    await worker.progress(server, id, i % 100, `report ${i}`);
    if (onReport) {
      await onReport(i - from + 1);
    }
  }
}

/** The value of a Prometheus counter or gauge of GET /metrics (0 when absent). */
export async function metric(server, name) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(" ") + 1));
}

// ---- sockets --------------------------------------------------------------------------------

/**
 * Records everything a socket receives, in order, from before it connects: events (their
 * first argument; with connection state recovery an offset follows it), connects (with
 * `recovered`), disconnects (with the reason) and connect errors.
 */
export function watch(socket) {
  const log = [];
  const waiters = new Set();
  const check = () => {
    for (const w of [...waiters]) {
      const result = w.test();
      if (result) {
        waiters.delete(w);
        w.resolve(result);
      }
    }
  };
  const push = (event, data) => {
    log.push({ event, data, at: Date.now() });
    check();
  };
  socket.onAny((event, ...args) => push(event, args[0]));
  socket.on("connect", () => push("connect",
    { recovered: socket.recovered, id: socket.id, transport: socket.io.engine?.transport?.name }));
  socket.on("disconnect", (reason) => push("disconnect", reason));
  socket.on("connect_error", (err) => push("connect_error", err));
  return {
    log,
    /** The data of every `event` so far. */
    of(event) {
      return log.filter((e) => e.event === event).map((e) => e.data);
    },
    /** Resolves with the truthy result of `test()` once it has one (checked on every record). */
    until(what, test, ms = WAIT_MS) {
      const now = test();
      if (now) {
        return Promise.resolve(now);
      }
      let waiter;
      const reached = new Promise((resolve) => {
        waiter = { test, resolve };
        waiters.add(waiter);
      });
      return within(reached, `${what} (received so far: ${summary(log)})`, ms)
        .finally(() => waiters.delete(waiter));
    },
    /** The next `event` after the ones already recorded (call it before the reply can come). */
    next(event, ms = WAIT_MS) {
      const seen = this.of(event).length;
      return this.until(`event "${event}"`, () => {
        const all = this.of(event);
        return all.length > seen ? { value: all[seen] } : null;
      }, ms).then((r) => r.value);
    },
    /** The job_update seqs received for `jobId`, in arrival order. */
    seqs(jobId) {
      return this.of("job_update").filter((u) => u.job_id === jobId).map((u) => u.seq);
    },
    /** Waits for the job_update of `jobId` with a terminal status. */
    terminal(jobId, ms = WAIT_MS) {
      return this.until(`the terminal job_update of job ${jobId}`, () => this.of("job_update")
        .find((u) => u.job_id === jobId && ["completed", "failed", "cancelled"].includes(u.status)), ms);
    },
  };
}

function summary(log) {
  const counts = new Map();
  for (const e of log) {
    counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  }
  const last = log.slice(-3).map((e) => `${e.event} ${JSON.stringify(e.data)?.slice(0, 120)}`);
  return `${JSON.stringify(Object.fromEntries(counts))}; last: ${last.join(" | ") || "none"}`;
}

/**
 * Opens a socket to `server` with auth {token} (user a's by default), recording from the
 * start; disconnected when the test ends. Does not wait (see connect()).
 */
export function open(t, server, setup, { token = server.tokens.a, auth, ...opts } = {}) {
  const socket = io(server.url, {
    forceNew: true,
    transports: setup.transports,
    reconnection: false,
    auth: auth ?? { token },
    ...opts,
  });
  const rec = watch(socket);
  t.after(() => socket.disconnect());
  return { socket, rec };
}

/** Resolves once `socket` is connected; rejects with its connect_error. */
export function connected(socket, ms = WAIT_MS) {
  if (socket.connected) {
    return Promise.resolve(socket);
  }
  let onConnect;
  let onError;
  const result = new Promise((resolve, reject) => {
    onConnect = () => resolve(socket);
    onError = (err) => reject(new Error(`connect_error: ${err.message}`, { cause: err }));
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
  return within(result, "the connection", ms).finally(() => {
    socket.off("connect", onConnect);
    socket.off("connect_error", onError);
  });
}

/** Waits until the connection runs on the setup's final transport (the upgrade happened). */
export async function onFinalTransport(socket, setup) {
  const engine = socket.io.engine;
  if (setup.final === "websocket" && engine.transport.name !== "websocket") {
    await within(new Promise((resolve) => engine.once("upgrade", resolve)), "the upgrade to websocket");
  }
  assert.equal(engine.transport.name, setup.final, "transport in use");
}

/** open(), then waits for the connection, the final transport and the `connected` event. */
export async function connect(t, server, setup, opts = {}) {
  const c = open(t, server, setup, opts);
  await connected(c.socket);
  await onFinalTransport(c.socket, setup);
  await c.rec.until("the connected event", () => c.rec.of("connected")[0]);
  return c;
}

/**
 * join_job with an ack; returns the ack's payload after checking that the job_status event
 * says the same.
 */
export async function join(c, jobId, since) {
  const payload = since === undefined ? { job_id: jobId } : { job_id: jobId, since };
  const status = c.rec.next("job_status");
  const ack = await c.socket.timeout(WAIT_MS).emitWithAck("join_job", payload);
  assert.deepEqual(await status, ack, "the job_status event and the ack carry the same status");
  assert.equal(ack.job_id, jobId);
  return ack;
}

/** ping -> pong: proves the connection still works (and orders what the server sent before). */
export async function pingPong(c) {
  const pong = c.rec.next("pong");
  c.socket.emit("ping");
  const body = await pong;
  assert.ok(Number.isFinite(Date.parse(body.timestamp)), `pong timestamp: ${JSON.stringify(body)}`);
  return body;
}

// ---- sequences ------------------------------------------------------------------------------

export function range(from, to) {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** Asserts `seqs` is exactly from..to in order, with a readable account of what is wrong. */
export function assertExactly(seqs, from, to, what) {
  const expected = range(from, to);
  if (seqs.length === expected.length && seqs.every((s, i) => s === expected[i])) {
    return;
  }
  const seen = new Set();
  const duplicates = seqs.filter((s) => (seen.has(s) ? true : (seen.add(s), false)));
  const missing = expected.filter((s) => !seen.has(s));
  const extra = [...seen].filter((s) => s < from || s > to);
  const disorder = seqs.findIndex((s, i) => i > 0 && s <= seqs[i - 1]);
  assert.fail(`${what}: expected seqs ${from}..${to} (${expected.length}), got ${seqs.length}; `
    + `missing ${JSON.stringify(missing.slice(0, 20))}${missing.length > 20 ? "..." : ""}, `
    + `duplicates ${JSON.stringify(duplicates.slice(0, 20))}, outside ${JSON.stringify(extra.slice(0, 20))}, `
    + `first out of order at index ${disorder}`);
}

export function assertStrictlyIncreasing(seqs, what) {
  const bad = seqs.findIndex((s, i) => i > 0 && s <= seqs[i - 1]);
  assert.equal(bad, -1, `${what}: seq ${seqs[bad]} at index ${bad} follows ${seqs[bad - 1]} (${JSON.stringify(seqs)})`);
}

/** Checks the shape of one job_update of the contract. */
export function assertJobUpdate(u, jobId) {
  assert.equal(u.job_id, jobId, "job_update.job_id");
  assert.ok(Number.isSafeInteger(u.seq) && u.seq > 0, `job_update.seq: ${JSON.stringify(u)}`);
  assert.ok(STATUSES.includes(u.status), `job_update.status: ${JSON.stringify(u)}`);
  assert.ok(EVENTS.includes(u.event), `job_update.event: ${JSON.stringify(u)}`);
  assert.ok(Number.isInteger(u.progress) && u.progress >= 0 && u.progress <= 100, `job_update.progress: ${JSON.stringify(u)}`);
  assert.ok(Number.isFinite(Date.parse(u.timestamp)), `job_update.timestamp: ${JSON.stringify(u)}`);
}

// ---- a network that can be cut at an exact frame --------------------------------------------

/**
 * A TCP proxy to `server` for cutting a connection at an exact point, as a network would:
 * it forwards everything, and on WebSocket connections reads the server's frames; after
 * forwarding the first text frame for which `cutAfter(text)` is true (once armed), it
 * closes that connection, so the client gets that frame and nothing after it. New
 * connections are forwarded whole. Returns {url, arm(cutAfter), cuts(), close()}.
 */
export async function cuttableProxy(server) {
  const target = new URL(server.url);
  let predicate = null;
  let cuts = 0;
  const sockets = new Set();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const gone = () => { client.destroy(); upstream.destroy(); };
    client.on("error", gone).on("close", gone);
    upstream.on("error", gone).on("close", gone);
    let websocket = null; // decided by the first bytes of the client's request head
    client.on("data", (chunk) => {
      websocket ??= /\r\nupgrade:\s*websocket/i.test(chunk.toString("latin1"));
      upstream.write(chunk);
    });
    let pending = Buffer.alloc(0);
    let headDone = false;
    upstream.on("data", (chunk) => {
      if (!websocket) {
        client.write(chunk);
        return;
      }
      pending = Buffer.concat([pending, chunk]);
      if (!headDone) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) {
          return;
        }
        client.write(pending.subarray(0, end + 4));
        pending = pending.subarray(end + 4);
        headDone = true;
      }
      for (;;) {
        const frame = serverFrame(pending);
        if (frame === null) {
          return;
        }
        client.write(pending.subarray(0, frame.size));
        pending = pending.subarray(frame.size);
        if (predicate && frame.opcode === 1 && predicate(frame.payload.toString("utf8"))) {
          predicate = null;
          cuts++;
          upstream.destroy();
          client.end();
          return;
        }
      }
    });
  });
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${proxy.address().port}`,
    arm(cutAfter) { predicate = cutAfter; },
    cuts: () => cuts,
    close() {
      for (const s of sockets) {
        s.destroy();
      }
      return new Promise((resolve) => proxy.close(resolve));
    },
  };
}

/** One unmasked server frame at the start of `buf`: {opcode, payload, size}, or null if incomplete. */
function serverFrame(buf) {
  if (buf.length < 2) {
    return null;
  }
  let len = buf[1] & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  if (buf.length < at + len) {
    return null;
  }
  return { opcode: buf[0] & 0x0f, payload: buf.subarray(at, at + len), size: at + len };
}
