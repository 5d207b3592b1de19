// Binary payloads (Socket.IO BINARY_EVENT / BINARY_ACK with attachments): Buffers nested in
// objects and arrays go out and come back as Buffers, through events, acks both ways and
// room broadcasts.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { assertBuffer, connect, ECHO_URL, FIXTURE_URL, forEachSetup, next, uniqueRoom, within } from "./support.mjs";

/** A payload with Buffers at several depths, and the same bytes for comparison. */
function nestedBinary() {
  const a = Buffer.from([0, 1, 2, 3, 255]);
  const b = randomBytes(64 * 1024);
  const c = Buffer.from("zoë ✓", "utf8");
  const empty = Buffer.alloc(0);
  return {
    payload: { name: "files", file: a, parts: [b, { deep: c, list: [empty, 1, "two"] }], n: null },
    check(actual, where) {
      assert.equal(actual.name, "files", `${where}: plain fields kept`);
      assert.equal(actual.n, null, `${where}: null kept`);
      assertBuffer(actual.file, a, `${where}.file`);
      assertBuffer(actual.parts[0], b, `${where}.parts[0]`);
      assertBuffer(actual.parts[1].deep, c, `${where}.parts[1].deep`);
      assertBuffer(actual.parts[1].list[0], empty, `${where}.parts[1].list[0]`);
      assert.deepEqual(actual.parts[1].list.slice(1), [1, "two"], `${where}: array items kept`);
    },
  };
}

forEachSetup((setup) => {
  test("a binary event comes back binary, Buffers nested in objects and arrays", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const { payload, check } = nestedBinary();
    const top = Buffer.from("top-level");
    const back = next(socket, "message-back");
    socket.emit("message", payload, top, "text after");
    const [echoed, echoedTop, text] = await back;
    check(echoed, "event");
    assertBuffer(echoedTop, top, "top-level argument");
    assert.equal(text, "text after");
  });

  test("binary and text events keep their order", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const seen = [];
    const done = new Promise((resolve) => socket.on("message-back", (v) => {
      seen.push(v);
      if (seen.length === 6) resolve();
    }));
    for (let i = 0; i < 6; i++) {
      socket.emit("message", i % 2 === 0 ? Buffer.from([i]) : i);
    }
    await within(done, "6 events");
    seen.forEach((v, i) => {
      if (i % 2 === 0) {
        assertBuffer(v, Buffer.from([i]), `event ${i}`);
      } else {
        assert.equal(v, i);
      }
    });
  });

  test("client emitWithAck with binary: the server acknowledges with binary", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const { payload, check } = nestedBinary();
    const answer = await within(socket.emitWithAck("message-with-ack", payload), "the binary ack");
    check(answer, "ack");
  });

  test("server emitWithAck with binary, answered with binary", async (t) => {
    const socket = await connect(t, FIXTURE_URL, setup);
    const { payload, check } = nestedBinary();
    const answerBytes = randomBytes(1000);
    let asked;
    socket.on("binary-question", (data, callback) => {
      asked = data;
      callback({ answer: answerBytes, list: [Buffer.from("x")] });
    });
    const report = await within(
      socket.emitWithAck("server-ack", { event: "binary-question", data: payload }), "the report");
    check(asked, "server event");
    assert.equal(report.reply.length, 1);
    assertBuffer(report.reply[0].answer, answerBytes, "client's answer as the server got it");
    assertBuffer(report.reply[0].list[0], Buffer.from("x"), "nested answer");
  });

  test("a binary broadcast reaches room members as binary", async (t) => {
    const member = await connect(t, FIXTURE_URL, setup);
    const sender = await connect(t, FIXTURE_URL, setup);
    const room = uniqueRoom();
    await member.emitWithAck("join", { room });
    const { payload, check } = nestedBinary();
    const received = next(member, "blob");
    await sender.emitWithAck("broadcast", { room, event: "blob", data: payload });
    const [data] = await received;
    check(data, "broadcast");
  });
});
