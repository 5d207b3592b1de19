// Disconnect reasons as the client sees them (and, through the fixture's "left" event to
// "watch:<id>", as the server saw them): "io server disconnect" when the server disconnects
// the socket, "io client disconnect" when the client does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, FIXTURE_URL, forEachSetup, next, record } from "./support.mjs";

/** A second client that hears the reason the server gives when `target` disconnects. */
async function watch(t, target, setup) {
  const watcher = await connect(t, FIXTURE_URL, setup);
  await watcher.emitWithAck("join", { room: `watch:${target.id}` });
  return { left: next(watcher, "left") };
}

forEachSetup((setup) => {
  test("the server disconnects the socket: \"io server disconnect\", no reconnection", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup, { reconnectionDelay: 50, randomizationFactor: 0 });
    const id = socket.id;
    const { left: serverSaw } = await watch(t, socket, setup);
    const attempts = record(socket.io, "reconnect_attempt");
    const disconnected = next(socket, "disconnect");
    socket.emit("kick");
    const [reason] = await disconnected;
    assert.equal(reason, "io server disconnect");
    assert.equal(socket.connected, false);
    assert.equal(socket.active, false, "the client must not reconnect on its own");
    assert.deepEqual(await serverSaw, [{ id, reason: "server namespace disconnect" }]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // 6 x the reconnection delay
    assert.deepEqual(attempts.seen, [], "no reconnection attempt");
  });

  test("the server closes the whole connection: \"io server disconnect\" too", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const id = socket.id;
    const { left: serverSaw } = await watch(t, socket, setup);
    const disconnected = next(socket, "disconnect");
    socket.emit("kick", { close: true });
    assert.equal((await disconnected)[0], "io server disconnect");
    assert.equal(socket.active, false);
    assert.deepEqual(await serverSaw, [{ id, reason: "server namespace disconnect" }]);
  });

  test("the client disconnects: \"io client disconnect\", and the server is told", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const id = socket.id;
    const { left: serverSaw } = await watch(t, socket, setup);
    const disconnected = next(socket, "disconnect");
    socket.disconnect();
    assert.equal((await disconnected)[0], "io client disconnect");
    assert.equal(socket.active, false);
    assert.deepEqual(await serverSaw, [{ id, reason: "client namespace disconnect" }]);
  });
});
