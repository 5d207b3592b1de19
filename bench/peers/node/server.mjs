// The Node peer of jobcast's benchmarks: socket.io 4.8.4 with its default options, serving
// the fan-out contract of issue 6 / docs/benchmarks.md so that `jobcast bench` drives it
// exactly as it drives `jobcast bench-target`.
//
//   node --expose-gc server.mjs [--host 127.0.0.1] [--port 3000]
//                               [--control-host 127.0.0.1] [--control-port 3001]
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Server } from "socket.io";

const SERVER_NAME = "node-socket.io-4.8.4";

const { values: args } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "3000" },
    "control-host": { type: "string", default: "127.0.0.1" },
    "control-port": { type: "string", default: "3001" },
  },
});

// ---- Socket.IO: `join` {room} joins the room, then acknowledges with {room} ----

const httpServer = createServer();
const io = new Server(httpServer);

io.on("connection", (socket) => {
  socket.on("join", (data, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const room = data?.room;
    if (typeof room !== "string") {
      reply({ error: 'join takes {"room": string}' });
      return;
    }
    socket.join(room);
    reply({ room });
  });
});

// ---- Publishing: R updates/s to each room, spread over the interval, on a 1 ms tick ----

// The same limits and messages as jobcast's bench-target, so a request is refused alike.
const MAX_ROOMS = 100_000;
const MAX_RATE = 100_000;
const MAX_SECONDS = 3_600;
const MAX_PREFIX = 64;
const MAX_BROADCASTS_PER_SECOND = 1_000_000;

let run = null; // the run in progress, or the last one once it ended (timer null); null before the first
let startedAt = null;
let endedAt = null;

function problem({ rooms, prefix, rate, seconds }) {
  if (!(rooms >= 1 && rooms <= MAX_ROOMS)) return `rooms must be 1..${MAX_ROOMS}`;
  if (prefix.length < 1 || prefix.length > MAX_PREFIX) return `prefix must be 1..${MAX_PREFIX} characters`;
  if (!(rate > 0) || rate > MAX_RATE) return `rate must be > 0 and <= ${MAX_RATE}`;
  if (!(seconds > 0) || seconds > MAX_SECONDS) return `duration must be > 0 and <= ${MAX_SECONDS} seconds`;
  if (rooms * rate > MAX_BROADCASTS_PER_SECOND) {
    return `rooms x rate must be <= ${MAX_BROADCASTS_PER_SECOND} broadcasts per second`;
  }
  return null;
}

function publishing() {
  return run !== null && run.timer !== null;
}

// The schedule is jobcast's (its Pacer): room k's update n is due (n-1)/R + k/(K*R) s after
// the start, so the K rooms' broadcasts are spread evenly over each interval. In order of due
// time, broadcast i is update floor(i/K)+1 to room i%K, due at i/(K*R) s.
function startRun({ rooms, prefix, rate, seconds }) {
  const total = Math.round(rate * seconds); // updates each room gets
  run = {
    rooms: Array.from({ length: rooms }, (_, k) => prefix + k),
    broadcasts: total * rooms,
    perSecond: rooms * rate,
    t0: performance.now(),
    sent: 0, // broadcasts sent so far: the next one is broadcast number `sent`
    timer: setInterval(tick, 1),
  };
  startedAt = Date.now();
  endedAt = null;
  return startedAt;
}

// When broadcast i is due, in ns after the start: the same arithmetic as jobcast's Pacer.dueNanos.
function dueNanos(i) {
  return Math.round((i * 1e9) / run.perSecond);
}

function tick() {
  const elapsedNanos = (performance.now() - run.t0) * 1e6;
  // Everything due by now: after a late tick this sends all that fell due meanwhile, in
  // order, instead of drifting.
  while (run.sent < run.broadcasts && dueNanos(run.sent) <= elapsedNanos) {
    const i = run.sent++;
    const k = i % run.rooms.length;
    io.to(run.rooms[k]).emit("update", update(k, Math.floor(i / run.rooms.length) + 1));
  }
  if (run.sent >= run.broadcasts) {
    clearInterval(run.timer);
    run.timer = null;
    endedAt = Date.now();
  }
}

// The same fields, values and size as jobcast's UpdatePayload; ts is the wall-clock send
// time in ms with sub-millisecond digits.
function update(jobId, seq) {
  return {
    job_id: jobId,
    seq,
    status: "running",
    progress: seq % 100,
    message: `Processing batch ${seq} of the nightly import`,
    ts: performance.timeOrigin + performance.now(),
  };
}

// ---- Control API: GET /publish, /stats, /gc, JSON answers ----

function number(query, name, fallback) {
  const text = query.get(name) ?? fallback;
  const n = Number(text);
  return text.trim() === "" || Number.isNaN(n) ? undefined : n;
}

function publish(query) {
  const roomsText = query.get("rooms") ?? "1";
  const rooms = /^[+-]?\d+$/.test(roomsText) ? Number(roomsText) : undefined;
  const rate = number(query, "rate", "1");
  const seconds = number(query, "duration", "10");
  if (rooms === undefined || rate === undefined || seconds === undefined) {
    return [400, { error: "rooms, rate and duration must be numbers" }];
  }
  const request = { rooms, prefix: query.get("prefix") ?? "r", rate, seconds };
  const why = problem(request);
  if (why) return [400, { error: why }];
  if (publishing()) return [409, { error: "a publish run is in progress" }];
  return [200, { startedAt: startRun(request) }];
}

// Real time (as ts is written) minus the monotonic clock (process.hrtime, CLOCK_MONOTONIC on
// Linux like Java's System.nanoTime), in ms with a fractional part.
function clockOffsetMs() {
  const real = performance.timeOrigin + performance.now();
  return real - Number(process.hrtime.bigint()) / 1e6;
}

// published and publishedPerRoom are of the current run, or the last one: published counts
// its broadcasts (room x update), publishedPerRoom the updates every room has had so far.
function stats() {
  return [200, {
    server: SERVER_NAME,
    clients: io.engine.clientsCount,
    publishing: publishing(),
    published: run ? run.sent : 0,
    publishedPerRoom: run ? Math.floor(run.sent / run.rooms.length) : 0,
    startedAt,
    endedAt,
    clockOffsetMs: clockOffsetMs(),
  }];
}

// A full collection, then the heap in use: what the live connections and rooms take.
function gc() {
  if (typeof global.gc !== "function") {
    return [500, { error: "global.gc is not available: start node with --expose-gc" }];
  }
  global.gc();
  return [200, { heapUsed: process.memoryUsage().heapUsed }];
}

const routes = { "/publish": publish, "/stats": stats, "/gc": gc };

const control = createServer((req, res) => {
  const url = new URL(req.url, "http://control");
  const route = routes[url.pathname];
  const [status, body] = req.method !== "GET" ? [405, { error: "GET only" }]
    : route ? route(url.searchParams) : [404, { error: "not found" }];
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
});

// ---- Start ----

function listen(server, host, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(port), host, () => resolve(server.address().port));
  });
}

const port = await listen(httpServer, args.host, args.port);
const controlPort = await listen(control, args["control-host"], args["control-port"]);
console.log(`${SERVER_NAME}: Socket.IO on http://${args.host}:${port}/socket.io/, `
  + `control on http://${args["control-host"]}:${controlPort}/ (default options, node ${process.version})`);
