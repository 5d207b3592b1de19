// Rooms and broadcasts on the fixture server: join, broadcast to a room (members only),
// broadcast with except, leave, and a disconnected socket leaving its rooms.
//
// "Did not receive" is proven with a sentinel: after the broadcast that must not arrive, the
// same sender broadcasts a sentinel to the socket's own room. The server handles both in
// order and delivers in order per connection, so once the sentinel is in, the forbidden
// event can no longer come.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, connected, FIXTURE_URL, forEachSetup, manager, next, record, SECURE_TOKEN, uniqueRoom } from "./support.mjs";

async function sentinel(sender, target) {
  const arrived = next(target, "sentinel");
  await sender.emitWithAck("broadcast", { room: target.id, event: "sentinel", data: target.id });
  await arrived;
}

forEachSetup((setup) => {
  test("join is acknowledged once done, with the socket's rooms", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const room = uniqueRoom();
    const rooms = await socket.emitWithAck("join", { room });
    assert.deepEqual(rooms.slice().sort(), [room, socket.id].sort(), "own room and the joined one");
    assert.deepEqual((await socket.emitWithAck("rooms")).slice().sort(), [room, socket.id].sort());
  });

  test("a broadcast to a room reaches its members only", async (t) => {
    const room = uniqueRoom();
    const [a, b, outsider, sender] = await Promise.all(
      [1, 2, 3, 4].map(() => connect(t, FIXTURE_URL, setup)));
    await a.emitWithAck("join", { room });
    await b.emitWithAck("join", { room });
    await outsider.emitWithAck("join", { room: uniqueRoom("other") });
    const outsiderNews = record(outsider, "news");
    const senderNews = record(sender, "news");
    const toA = next(a, "news");
    const toB = next(b, "news");

    await sender.emitWithAck("broadcast", { room, event: "news", data: { n: 1 } });
    assert.deepEqual(await toA, [{ n: 1 }]);
    assert.deepEqual(await toB, [{ n: 1 }]);
    await sentinel(sender, outsider);
    await sentinel(sender, sender);
    assert.deepEqual(outsiderNews.seen, [], "a socket outside the room got nothing");
    assert.deepEqual(senderNews.seen, [], "the sender (not a member) got nothing");
  });

  test("a broadcast to several rooms reaches a member of several of them once", async (t) => {
    const [r1, r2, r3] = [uniqueRoom(), uniqueRoom(), uniqueRoom()];
    const [both, onlyR2, sender] = await Promise.all([1, 2, 3].map(() => connect(t, FIXTURE_URL, setup)));
    await both.emitWithAck("join", { room: r1 });
    await both.emitWithAck("join", { room: r2 });
    await onlyR2.emitWithAck("join", { room: r2 });
    const bothNews = record(both, "news");
    const onlyR2News = record(onlyR2, "news");
    await sender.emitWithAck("broadcast", { room: [r1, r2, r3], event: "news", data: "once" });
    await sentinel(sender, both);
    await sentinel(sender, onlyR2);
    assert.deepEqual(bothNews.seen, [["once"]]);
    assert.deepEqual(onlyR2News.seen, [["once"]]);
  });

  test("a broadcast with except skips the members of the excepted room", async (t) => {
    const [room, muted] = [uniqueRoom(), uniqueRoom("muted")];
    const [a, b, sender] = await Promise.all([1, 2, 3].map(() => connect(t, FIXTURE_URL, setup)));
    await a.emitWithAck("join", { room });
    await b.emitWithAck("join", { room });
    await b.emitWithAck("join", { room: muted });
    const bNews = record(b, "news");
    const toA = next(a, "news");

    await sender.emitWithAck("broadcast", { room, event: "news", data: "not for muted", except: muted });
    assert.deepEqual(await toA, ["not for muted"]);
    await sentinel(sender, b);
    assert.deepEqual(bNews.seen, [], "the excepted member got nothing");

    // except by socket id (every socket is in its own room)
    const toB = next(b, "news");
    const aNews = record(a, "news");
    await sender.emitWithAck("broadcast", { room, event: "news", data: "not for a", except: [a.id] });
    assert.deepEqual(await toB, ["not for a"]);
    await sentinel(sender, a);
    assert.deepEqual(aNews.seen, []);
  });

  test("leave stops delivery", async (t) => {
    const room = uniqueRoom();
    const member = await connect(t, FIXTURE_URL, setup);
    const sender = await connect(t, FIXTURE_URL, setup);
    await member.emitWithAck("join", { room });
    const news = record(member, "news");
    await sender.emitWithAck("broadcast", { room, event: "news", data: "before" });
    await news.atLeast(1);

    const rooms = await member.emitWithAck("leave", { room });
    assert.deepEqual(rooms, [member.id], "only its own room is left");
    await sender.emitWithAck("broadcast", { room, event: "news", data: "after" });
    await sentinel(sender, member);
    assert.deepEqual(news.seen, [["before"]]);
  });

  test("a socket cannot leave its own room", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    assert.deepEqual(await socket.emitWithAck("leave", { room: socket.id }), [socket.id]);
    const sender = await connect(t, FIXTURE_URL, setup);
    await sentinel(sender, socket); // still reachable through its own room
  });

  // One connection with two namespaces ("/secure" keeps it open) lets the test reconnect "/"
  // on the same connection: if the old socket were still in the room, the broadcast would
  // reach the connection and be handed to the new socket of "/".
  for (const [how, leaveNamespace] of [
    ["disconnects", (socket) => socket.disconnect()],
    ["is disconnected by the server", (socket) => {
      const gone = next(socket, "disconnect");
      socket.emit("kick");
      return gone;
    }],
  ]) {
    test(`a socket that ${how} leaves its rooms`, async (t) => {
      const room = uniqueRoom();
      const m = manager(t, FIXTURE_URL, setup);
      const keepAlive = m.socket("/secure", { auth: { token: SECURE_TOKEN } });
      const socket = m.socket("/");
      await Promise.all([connected(keepAlive), connected(socket)]);
      const sender = await connect(t, FIXTURE_URL, setup);
      await socket.emitWithAck("join", { room });
      const engineId = m.engine.id;
      const oldId = socket.id;

      await leaveNamespace(socket);
      socket.connect();
      await connected(socket);
      assert.equal(m.engine.id, engineId, "same Engine.IO connection");
      assert.notEqual(socket.id, oldId, "a new socket");
      assert.deepEqual(await socket.emitWithAck("rooms"), [socket.id], "the new socket is in no room yet");

      const news = record(socket, "news");
      await sender.emitWithAck("broadcast", { room, event: "news", data: "to the old members" });
      await sentinel(sender, socket);
      assert.deepEqual(news.seen, [], "the old socket's room membership is gone");
    });
  }
});
