// Shared helpers of the end-to-end tests (*.test.mjs): server URLs, the three transport
// setups, and promise-based waiting on socket.io-client events with clear failure messages.
// NodeClientTest (JUnit) starts the servers and passes their URLs in ECHO_URL / FIXTURE_URL.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe } from "node:test";
import { io, Manager } from "socket.io-client";

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through NodeClientTest (mvn test -Dtest=NodeClientTest)`);
  }
  return value;
}

/** The echo server (EchoServer.java): pingInterval 300 ms, connect timeout 1000 ms. */
export const ECHO_URL = required("ECHO_URL");
/** The fixture server (FixtureServer.java). */
export const FIXTURE_URL = required("FIXTURE_URL");
/** The fixture's Socket.IO server with connection state recovery on. */
export const RECOVERY_PATH = "/recovery/";
export const SECURE_TOKEN = "let-me-in";

/** How long any single wait may take before the test fails with a message. */
export const WAIT_MS = 3000;

/** The three transport setups every feature is proven with. */
export const SETUPS = [
  { name: "websocket", transports: ["websocket"], final: "websocket" },
  { name: "polling", transports: ["polling"], final: "polling" },
  { name: "polling then upgrade to websocket", transports: ["polling", "websocket"], final: "websocket" },
];

/**
 * Defines the same tests once per transport setup, each set in its own describe block.
 * With `concurrently`, the setups run side by side (for tests that mostly wait on timers).
 */
export function forEachSetup(define, { concurrently = false } = {}) {
  const defineAll = () => {
    for (const setup of SETUPS) {
      describe(setup.name, () => define(setup));
    }
  };
  if (concurrently) {
    describe("all transport setups at once", { concurrency: true }, defineAll);
  } else {
    defineAll();
  }
}

/** A room name no other test uses. */
export function uniqueRoom(prefix = "room") {
  return `${prefix}-${randomUUID()}`;
}

/** Rejects with `what` if `promise` does not settle within `ms`. */
export function within(promise, what, ms = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the arguments of the next `event` of `emitter` (a Socket, Manager or engine). */
export function next(emitter, event, ms = WAIT_MS) {
  let listener;
  const received = new Promise((resolve) => {
    listener = (...args) => resolve(args);
    emitter.once(event, listener);
  });
  return within(received, `event "${event}"`, ms).finally(() => emitter.off(event, listener));
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
  return within(result, `the connection of ${socket.nsp}`, ms).finally(() => {
    socket.off("connect", onConnect);
    socket.off("connect_error", onError);
  });
}

/** Resolves with the connect_error of `socket` (and fails if it connects instead). */
export function connectError(socket, ms = WAIT_MS) {
  let onConnect;
  let onError;
  const result = new Promise((resolve, reject) => {
    onConnect = () => reject(new Error(`${socket.nsp} connected, a connect_error was expected`));
    onError = (err) => resolve(err);
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
  return within(result, `a connect_error of ${socket.nsp}`, ms).finally(() => {
    socket.off("connect", onConnect);
    socket.off("connect_error", onError);
  });
}

/**
 * Waits until the connection of `socket` runs on the setup's final transport: with polling
 * then websocket, until the upgrade really happened.
 */
export async function onFinalTransport(socket, setup) {
  const engine = socket.io.engine;
  if (setup.final === "websocket" && engine.transport.name !== "websocket") {
    await next(engine, "upgrade");
  }
  assert.equal(engine.transport.name, setup.final, "transport in use");
}

/**
 * Opens a socket.io-client socket with its own Manager, disconnects it when the test ends,
 * and resolves once it is connected on the setup's final transport.
 */
export async function connect(t, url, setup, opts = {}) {
  const socket = open(t, url, setup, opts);
  await connected(socket);
  await onFinalTransport(socket, setup);
  return socket;
}

/** Like connect() but does not wait: for tests of failing or timed connections. */
export function open(t, url, setup, opts = {}) {
  const socket = io(url, { forceNew: true, transports: setup.transports, ...opts });
  t.after(() => socket.disconnect());
  return socket;
}

/** A Manager (one Engine.IO connection for several namespaces), closed when the test ends. */
export function manager(t, url, setup, opts = {}) {
  const m = new Manager(url, { transports: setup.transports, ...opts });
  t.after(() => {
    for (const socket of Object.values(m.nsps)) {
      socket.disconnect();
    }
  });
  return m;
}

/** Records every `event` of `socket` (its argument lists, in order). */
export function record(socket, event) {
  const seen = [];
  const waiters = [];
  socket.on(event, (...args) => {
    seen.push(args);
    for (const w of waiters.filter((w) => seen.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(seen.slice());
    }
  });
  return {
    seen,
    /** Resolves once `count` events were seen, with all seen so far. */
    atLeast(count, ms = WAIT_MS) {
      if (seen.length >= count) {
        return Promise.resolve(seen.slice());
      }
      const reached = new Promise((resolve) => waiters.push({ count, resolve }));
      return within(reached, `${count} "${event}" events (saw ${seen.length})`, ms);
    },
  };
}

/** Binary values as received: Node clients get Buffers; compare their bytes. */
export function assertBuffer(actual, expected, what) {
  assert.ok(Buffer.isBuffer(actual), `${what} is a Buffer (got ${Object.prototype.toString.call(actual)})`);
  assert.equal(actual.toString("hex"), expected.toString("hex"), `${what} bytes`);
}
