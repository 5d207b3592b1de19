// The echo server closes a connection that never joins a namespace (no Socket.IO CONNECT)
// after 1000 ms, and keeps one that does. Raw Engine.IO clients (engine.io-client, which
// socket.io-client is built on) stand for a client that never sends CONNECT.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Socket as EioSocket } from "engine.io-client";
import { ECHO_URL, forEachSetup, next, record } from "./support.mjs";

const CONNECT_TIMEOUT = 1000;

function rawClient(t, setup) {
  const socket = new EioSocket(ECHO_URL, { path: "/socket.io/", transports: setup.transports });
  t.after(() => socket.close());
  return socket;
}

forEachSetup((setup) => {
  test("a connection that never sends CONNECT is closed after the connect timeout", async (t) => {
    const started = Date.now();
    const socket = rawClient(t, setup);
    const pings = record(socket, "ping");
    const messages = record(socket, "message");
    await next(socket, "open");
    const [reason] = await next(socket, "close", 3 * CONNECT_TIMEOUT);
    const elapsed = Date.now() - started;
    assert.equal(reason, "transport close", "closed by the server");
    assert.ok(elapsed >= CONNECT_TIMEOUT * 0.9, `not before the timeout (closed after ${elapsed} ms)`);
    assert.ok(elapsed <= CONNECT_TIMEOUT * 2, `soon after the timeout (closed after ${elapsed} ms)`);
    assert.ok(pings.seen.length >= 2, `heartbeat was fine meanwhile (${pings.seen.length} pings)`);
    assert.deepEqual(messages.seen, [], "no Socket.IO packet was sent to it");
  });

  test("a connection that sends CONNECT is kept past the connect timeout", async (t) => {
    const socket = rawClient(t, setup);
    const closes = record(socket, "close");
    const connectReply = next(socket, "message");
    await next(socket, "open");
    socket.send("0"); // Socket.IO CONNECT to "/"
    const [reply] = await connectReply;
    assert.match(reply, /^0\{"sid":"[^"]+"\}$/, "CONNECT answered with the socket id");
    await new Promise((resolve) => setTimeout(resolve, CONNECT_TIMEOUT + 400));
    assert.deepEqual(closes.seen, [], "still open");
    assert.equal(socket.readyState, "open");
    if (setup.final === "websocket") {
      assert.equal(socket.transport.name, "websocket");
    }
  });
}, { concurrently: true });
