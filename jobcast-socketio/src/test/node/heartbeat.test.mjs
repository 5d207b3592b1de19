// Heartbeat against the echo server (pingInterval 300 ms, pingTimeout 200 ms): the server
// pings at its interval, the client answers, and the connection outlives several intervals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, ECHO_URL, forEachSetup, record } from "./support.mjs";

const PING_INTERVAL = 300;

forEachSetup((setup) => {
  test("stays connected across several ping intervals, pinged at the configured interval", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const engine = socket.io.engine;
    const disconnects = record(socket, "disconnect");
    const times = [];
    engine.on("ping", () => times.push(Date.now()));

    await record(engine, "ping").atLeast(5, 10 * PING_INTERVAL);
    assert.deepEqual(disconnects.seen, [], "no disconnection");
    assert.equal(socket.connected, true);
    assert.equal(socket.io.engine, engine, "the same Engine.IO connection");
    assert.equal(engine.transport.name, setup.final);
    // Four intervals between the first and the fifth ping: about 1200 ms.
    const span = times[4] - times[0];
    assert.ok(span >= 4 * PING_INTERVAL * 0.8, `pings not too frequent (4 intervals took ${span} ms)`);
    assert.ok(span <= 4 * PING_INTERVAL * 2, `pings not too rare (4 intervals took ${span} ms)`);
    assert.equal(await socket.emitWithAck("message-with-ack", "alive"), "alive");
  });
}, { concurrently: true });
