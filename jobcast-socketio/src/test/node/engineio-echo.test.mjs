// The plain Engine.IO endpoint of the echo server (/engine.io/): every message, text or
// binary, comes back unchanged and in order.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { Socket as EioSocket } from "engine.io-client";
import { assertBuffer, ECHO_URL, forEachSetup, next, record } from "./support.mjs";

async function open(t, setup) {
  const socket = new EioSocket(ECHO_URL, { path: "/engine.io/", transports: setup.transports });
  t.after(() => socket.close());
  await next(socket, "open");
  if (setup.final === "websocket" && socket.transport.name !== "websocket") {
    await next(socket, "upgrade");
  }
  assert.equal(socket.transport.name, setup.final, "transport in use");
  return socket;
}

forEachSetup((setup) => {
  test("a text message comes back unchanged", async (t) => {
    const socket = await open(t, setup);
    // (No \u001e: it separates the packets of a polling payload and the protocol does not escape it.)
    const text = "hello zoë ✓ 😀 \u0000 \n \"json\": [1] 4probe b64";
    const back = next(socket, "message");
    socket.send(text);
    assert.deepEqual(await back, [text]);
  });

  test("a binary message comes back binary and unchanged", async (t) => {
    const socket = await open(t, setup);
    const bytes = randomBytes(10_000);
    const back = next(socket, "message");
    socket.send(bytes);
    const [echoed] = await back;
    assertBuffer(echoed, bytes, "echoed message");
  });

  test("text and binary messages come back in order", async (t) => {
    const socket = await open(t, setup);
    const sent = [];
    for (let i = 0; i < 20; i++) {
      sent.push(i % 3 === 0 ? Buffer.from([i, 255 - i]) : `message ${i}`);
    }
    const messages = record(socket, "message");
    sent.forEach((m) => socket.send(m));
    const received = (await messages.atLeast(sent.length)).map(([m]) => m);
    assert.equal(received.length, sent.length);
    received.forEach((m, i) => {
      if (Buffer.isBuffer(sent[i])) {
        assertBuffer(m, sent[i], `message ${i}`);
      } else {
        assert.equal(m, sent[i], `message ${i}`);
      }
    });
  });

  test("empty text and empty binary messages come back", async (t) => {
    const socket = await open(t, setup);
    const messages = record(socket, "message");
    socket.send("");
    socket.send(Buffer.alloc(0));
    const [[text], [bytes]] = await messages.atLeast(2);
    // engine.io-parser decodes an empty MESSAGE packet ("4") as a message without data.
    assert.equal(text ?? "", "");
    assertBuffer(bytes, Buffer.alloc(0), "empty binary");
  });
});
