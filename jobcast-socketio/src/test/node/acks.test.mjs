// Acknowledgements both ways: client -> server (echo server's "message-with-ack") and
// server -> client (the fixture's "server-ack", which makes the server emitWithAck).
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, ECHO_URL, FIXTURE_URL, forEachSetup, within } from "./support.mjs";

forEachSetup((setup) => {
  test("client emitWithAck: the server acknowledges with the same arguments", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const answer = await within(socket.emitWithAck("message-with-ack", { n: 1, s: "zoë ✓" }), "the ack");
    assert.deepEqual(answer, { n: 1, s: "zoë ✓" });
  });

  test("client ack callback receives every acknowledgement argument", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const args = await within(new Promise((resolve) => {
      socket.emit("message-with-ack", "a", 2, [3], null, (...ackArgs) => resolve(ackArgs));
    }), "the ack");
    assert.deepEqual(args, ["a", 2, [3], null]);
  });

  test("client emitWithAck with a timeout resolves before it", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    assert.equal(await socket.timeout(2000).emitWithAck("message-with-ack", "on time"), "on time");
  });

  test("client emitWithAck times out when the server does not acknowledge", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    // "message" is handled without an ack: the server must not answer it.
    await assert.rejects(socket.timeout(300).emitWithAck("message", "no ack"), /operation has timed out/);
    assert.equal(socket.connected, true);
  });

  test("many concurrent acks each get their own answer", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const answers = await within(Promise.all(
      Array.from({ length: 50 }, (_, i) => socket.emitWithAck("message-with-ack", i)),
    ), "50 acks");
    assert.deepEqual(answers, Array.from({ length: 50 }, (_, i) => i));
  });

  test("server emitWithAck: the client's answer reaches the server", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const asked = [];
    socket.on("question", (data, callback) => {
      asked.push(data);
      callback({ answer: data.n * 2 }, "second");
    });
    const report = await within(socket.emitWithAck("server-ack", { event: "question", data: { n: 21 } }), "the report");
    assert.deepEqual(asked, [{ n: 21 }]);
    assert.deepEqual(report, { reply: [{ answer: 42 }, "second"] });
  });

  test("server emitWithAck without arguments, answered without arguments", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    socket.on("ping-me", (callback) => callback());
    const report = await within(socket.emitWithAck("server-ack", { event: "ping-me" }), "the report");
    assert.deepEqual(report, { reply: [] });
  });

  test("server emitWithAck times out when the client does not answer", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const received = [];
    socket.on("ignored", (data) => received.push(data)); // takes no callback: never answers
    const report = await within(
      socket.emitWithAck("server-ack", { event: "ignored", data: 7, timeoutMs: 300 }), "the report");
    assert.deepEqual(report, { error: "timeout" });
    assert.deepEqual(received, [7], "the event itself was delivered");
  });

  test("several server acks in flight are matched to their answers", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const callbacks = [];
    socket.on("hold", (n, callback) => callbacks.push({ n, callback }));
    const reports = [1, 2, 3].map((n) => socket.emitWithAck("server-ack", { event: "hold", data: n }));
    await within((async () => {
      while (callbacks.length < 3) await new Promise((r) => setTimeout(r, 10));
    })(), "three held questions");
    // Answer in reverse order: each report must still carry its own answer.
    for (const { n, callback } of callbacks.slice().reverse()) {
      callback(n * 100);
    }
    assert.deepEqual(await within(Promise.all(reports), "the reports"), [
      { reply: [100] }, { reply: [200] }, { reply: [300] },
    ]);
  });
});
