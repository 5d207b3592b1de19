// Reconnection: when the server cuts the transport (as a network failure would), the
// client sees "transport close", reconnects on its own and is usable again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, connected, FIXTURE_URL, forEachSetup, next, onFinalTransport, uniqueRoom } from "./support.mjs";

const FAST = { reconnectionDelay: 50, reconnectionDelayMax: 50, randomizationFactor: 0 };

forEachSetup((setup) => {
  test("reconnects on its own after the server cut the transport", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup, FAST);
    const oldId = socket.id;
    const oldEngine = socket.io.engine.id;
    const disconnected = next(socket, "disconnect");
    const reconnected = next(socket.io, "reconnect");
    socket.emit("drop");

    const [reason] = await disconnected;
    assert.equal(reason, "transport close");
    assert.equal(socket.active, true, "the client will reconnect");
    const [attempts] = await reconnected;
    assert.equal(attempts, 1, "first attempt succeeded");
    await connected(socket);
    await onFinalTransport(socket, setup);

    assert.notEqual(socket.io.engine.id, oldEngine, "a new Engine.IO session");
    assert.notEqual(socket.id, oldId, "a new socket (recovery is off on this server)");
    assert.ok(!socket.recovered);
    assert.deepEqual(await socket.emitWithAck("rooms"), [socket.id], "usable, and in no old room");
  });

  test("the server sees the cut as \"transport close\"", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup, FAST);
    const watcher = await connect(t, FIXTURE_URL, setup);
    await watcher.emitWithAck("join", { room: `watch:${socket.id}` });
    const serverSaw = next(watcher, "left");
    const id = socket.id;
    socket.emit("drop");
    assert.deepEqual(await serverSaw, [{ id, reason: "transport close" }]);
    await next(socket, "connect");
  });

  test("events emitted while disconnected are sent after the reconnection", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup, FAST);
    const room = uniqueRoom();
    const disconnected = next(socket, "disconnect");
    socket.emit("drop");
    await disconnected;
    // Buffered by the client until it is connected again.
    const joined = socket.emitWithAck("join", { room });
    await connected(socket);
    assert.deepEqual((await joined).slice().sort(), [room, socket.id].sort());
  });

  test("reconnects again after a second cut", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup, FAST);
    for (let round = 1; round <= 2; round++) {
      const disconnected = next(socket, "disconnect");
      socket.emit("drop");
      assert.equal((await disconnected)[0], "transport close", `round ${round}`);
      await connected(socket);
      await onFinalTransport(socket, setup);
    }
    assert.equal(socket.connected, true);
  });
});
