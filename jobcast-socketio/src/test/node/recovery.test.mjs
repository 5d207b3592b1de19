// Connection state recovery (the fixture's server at /recovery/, 30 s window): after the
// server cut its transport, a client comes back with the same socket id, its rooms, and
// every event it missed, in order, once. With recovery on, every event carries its offset
// as a last, extra argument (that is how the client knows where it stopped).
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, connected, FIXTURE_URL, forEachSetup, next, onFinalTransport, record, RECOVERY_PATH, SETUPS, uniqueRoom } from "./support.mjs";

const RECOVERING = { path: RECOVERY_PATH, reconnectionDelay: 50, reconnectionDelayMax: 50, randomizationFactor: 0 };

/** Cuts the transport of `socket` from the server side and waits for the client to notice. */
async function cut(socket) {
  const disconnected = next(socket, "disconnect");
  socket.emit("drop");
  const [reason] = await disconnected;
  assert.equal(reason, "transport close");
}

/** The data of recorded events, after checking that each carries a distinct offset. */
function dataOf(events) {
  const offsets = events.map((args) => args[args.length - 1]);
  for (const offset of offsets) {
    assert.equal(typeof offset, "string", "each event ends with its offset");
  }
  assert.equal(new Set(offsets).size, offsets.length, "offsets are distinct");
  return events.map((args) => args.slice(0, -1));
}

forEachSetup((setup) => {
  test("recovers the socket and receives every missed event, in order, once", async (t) => {
    const room = uniqueRoom("feed");
    const socket = await connect(t, FIXTURE_URL, setup, RECOVERING);
    assert.ok(!socket.recovered);
    const id = socket.id;
    await socket.emitWithAck("join", { room });
    const publisher = await connect(t, FIXTURE_URL, SETUPS[0], { path: RECOVERY_PATH });
    const news = record(socket, "news");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: 0 });
    await news.atLeast(1); // received live: the client now knows an offset

    // Hold the client's reconnection until the events it will miss are broadcast (so the
    // test does not depend on timing), then let it reconnect.
    socket.io.reconnection(false);
    await cut(socket);
    for (let n = 1; n <= 5; n++) {
      await publisher.emitWithAck("broadcast", { room, event: "news", data: n });
    }
    assert.equal(news.seen.length, 1, "nothing arrives while disconnected");
    socket.io.reconnection(true);
    socket.connect();
    await connected(socket);
    await onFinalTransport(socket, setup);

    assert.equal(socket.recovered, true, "socket.recovered");
    assert.equal(socket.id, id, "same socket id");
    await news.atLeast(6);
    await publisher.emitWithAck("broadcast", { room, event: "news", data: 6 }); // live again
    await news.atLeast(7);
    assert.deepEqual(dataOf(news.seen), [[0], [1], [2], [3], [4], [5], [6]]);
    assert.deepEqual((await socket.emitWithAck("rooms")).slice().sort(), [id, room].sort(), "rooms restored");
  });

  test("recovers after an automatic reconnection, rooms and direct events included", async (t) => {
    const room = uniqueRoom("feed");
    const socket = await connect(t, FIXTURE_URL, setup, RECOVERING);
    const id = socket.id;
    await socket.emitWithAck("join", { room });
    const publisher = await connect(t, FIXTURE_URL, SETUPS[0], { path: RECOVERY_PATH });
    const news = record(socket, "news");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "before" });
    await news.atLeast(1);

    const reconnected = next(socket.io, "reconnect");
    await cut(socket);
    assert.equal(socket.active, true, "the client reconnects on its own");
    await reconnected;
    await connected(socket);
    assert.equal(socket.recovered, true);
    assert.equal(socket.id, id);

    // Still a member of the room without joining again; events to its own id reach it too.
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "after" });
    await publisher.emitWithAck("broadcast", { room: id, event: "news", data: "direct" });
    await news.atLeast(3);
    assert.deepEqual(dataOf(news.seen), [["before"], ["after"], ["direct"]]);
  });

  test("events to rooms the socket was not in are not replayed", async (t) => {
    const [room, other] = [uniqueRoom("feed"), uniqueRoom("other")];
    const socket = await connect(t, FIXTURE_URL, setup, RECOVERING);
    await socket.emitWithAck("join", { room });
    const publisher = await connect(t, FIXTURE_URL, SETUPS[0], { path: RECOVERY_PATH });
    const news = record(socket, "news");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "live" });
    await news.atLeast(1);

    socket.io.reconnection(false);
    await cut(socket);
    await publisher.emitWithAck("broadcast", { room: other, event: "news", data: "other room" });
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "missed", except: room });
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "missed, for us" });
    socket.io.reconnection(true);
    socket.connect();
    await connected(socket);
    assert.equal(socket.recovered, true);
    await news.atLeast(2);
    // A live sentinel: once it is in, no more replayed events can come.
    await publisher.emitWithAck("broadcast", { room: socket.id, event: "news", data: "sentinel" });
    await news.atLeast(3);
    assert.deepEqual(dataOf(news.seen), [["live"], ["missed, for us"], ["sentinel"]]);
  });

  test("events broadcast while the server checks a recovering client are not lost", async (t) => {
    // "/slow-auth" takes 300 ms to accept a CONNECT and announces it to auth.watch first.
    const [room, watch] = [uniqueRoom("feed"), uniqueRoom("checks")];
    const url = `${FIXTURE_URL}/slow-auth`;
    const socket = await connect(t, url, setup, { ...RECOVERING, auth: { watch } });
    await socket.emitWithAck("join", { room });
    const publisher = await connect(t, url, SETUPS[0], { path: RECOVERY_PATH });
    await publisher.emitWithAck("join", { room: watch });
    const news = record(socket, "news");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "live" });
    await news.atLeast(1);

    socket.io.reconnection(false);
    await cut(socket);
    const checking = next(publisher, "checking");
    socket.io.reconnection(true);
    socket.connect();
    const [auth] = await checking;
    assert.equal(typeof auth.pid, "string", "the CONNECT being checked is a recovering one");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "during the check" });
    await connected(socket);
    assert.equal(socket.recovered, true);
    await publisher.emitWithAck("broadcast", { room: socket.id, event: "news", data: "sentinel" });
    await news.atLeast(3);
    assert.deepEqual(dataOf(news.seen), [["live"], ["during the check"], ["sentinel"]]);
  });

  test("a client that disconnected on purpose is not recovered", async (t) => {
    const room = uniqueRoom("feed");
    const socket = await connect(t, FIXTURE_URL, setup, RECOVERING);
    const id = socket.id;
    await socket.emitWithAck("join", { room });
    const publisher = await connect(t, FIXTURE_URL, SETUPS[0], { path: RECOVERY_PATH });
    const news = record(socket, "news");
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "live" });
    await news.atLeast(1);

    socket.disconnect(); // "io client disconnect": the server does not keep the session
    await publisher.emitWithAck("broadcast", { room, event: "news", data: "while away" });
    socket.connect();
    await connected(socket);
    assert.ok(!socket.recovered, "not recovered");
    assert.notEqual(socket.id, id, "a new socket");
    assert.deepEqual(await socket.emitWithAck("rooms"), [socket.id], "in no old room");
    await publisher.emitWithAck("broadcast", { room: socket.id, event: "news", data: "sentinel" });
    await news.atLeast(2);
    assert.deepEqual(dataOf(news.seen), [["live"], ["sentinel"]]);
  });
});
