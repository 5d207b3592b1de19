// Events both ways: the client emits, the echo server sends the same arguments back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, ECHO_URL, forEachSetup, next, record } from "./support.mjs";

forEachSetup((setup) => {
  test("an event with every JSON type comes back with the same arguments", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const args = [
      "text with unicode: zoë ✓ 😀 \u2028 \"quotes\" \\ / \n",
      42,
      -3.25,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
      null,
      { nested: { list: [1, "two", { three: 3 }], empty: {} }, "key with spaces": [] },
      [[], [[]], ""],
    ];
    const back = next(socket, "message-back");
    socket.emit("message", ...args);
    assert.deepEqual(await back, args);
  });

  test("an event without arguments comes back without arguments", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const back = next(socket, "message-back");
    socket.emit("message");
    assert.deepEqual(await back, []);
  });

  test("many events come back in the order they were sent", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const backs = record(socket, "message-back");
    const count = 150; // within the server's inbound burst allowance (200)
    for (let i = 0; i < count; i++) {
      socket.emit("message", i, `payload ${i}`);
    }
    const seen = await backs.atLeast(count);
    assert.deepEqual(seen, Array.from({ length: count }, (_, i) => [i, `payload ${i}`]));
  });

  test("a large event (200 KB) comes back intact", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    const big = "x".repeat(100_000) + "é".repeat(50_000);
    const back = next(socket, "message-back");
    socket.emit("message", { big });
    const [echoed] = await back;
    assert.equal(echoed.big.length, big.length);
    assert.equal(echoed.big, big);
  });

  test("events the server does not handle are ignored and the connection stays usable", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    socket.emit("no-such-event", 1, 2, 3);
    const back = next(socket, "message-back");
    socket.emit("message", "still here");
    assert.deepEqual(await back, ["still here"]);
    assert.equal(socket.connected, true);
  });
});
