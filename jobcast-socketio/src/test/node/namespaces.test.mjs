// Namespaces: "/" and "/custom" of the echo server, several namespaces over one connection,
// and the refusal of a namespace the server does not have.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, connectError, ECHO_URL, forEachSetup, manager, next, onFinalTransport, open, record } from "./support.mjs";

forEachSetup((setup) => {
  test("connects to /custom and the server gets its auth payload", async (t) => {
    const socket = open(t, `${ECHO_URL}/custom`, setup, { auth: { ns: "custom" } });
    const echoed = record(socket, "auth");
    await connected(socket);
    await onFinalTransport(socket, setup);
    assert.equal(socket.nsp, "/custom");
    assert.deepEqual((await echoed.atLeast(1))[0], [{ ns: "custom" }]);
  });

  test("/ and /custom share one connection, each with its own socket and handlers", async (t) => {
    const m = manager(t, ECHO_URL, setup);
    const main = m.socket("/", { auth: { which: "main" } });
    const custom = m.socket("/custom", { auth: { which: "custom" } });
    const mainAuth = record(main, "auth");
    const customAuth = record(custom, "auth");
    await Promise.all([connected(main), connected(custom)]);
    await onFinalTransport(main, setup);
    assert.equal(main.io.engine, custom.io.engine, "one Engine.IO connection");
    assert.notEqual(main.id, custom.id);
    assert.deepEqual((await mainAuth.atLeast(1))[0], [{ which: "main" }]);
    assert.deepEqual((await customAuth.atLeast(1))[0], [{ which: "custom" }]);

    // "message" is handled on "/" only: sent on /custom it must not come back there.
    const customBacks = record(custom, "message-back");
    custom.emit("message", "to custom");
    const back = next(main, "message-back");
    main.emit("message", "to main");
    assert.deepEqual(await back, ["to main"]);
    assert.deepEqual(customBacks.seen, [], "no handler for message on /custom");
  });

  test("leaving one namespace keeps the other one connected", async (t) => {
    const m = manager(t, ECHO_URL, setup);
    const main = m.socket("/");
    const custom = m.socket("/custom");
    await Promise.all([connected(main), connected(custom)]);
    const engineId = m.engine.id;
    custom.disconnect();
    assert.equal(await main.emitWithAck("message-with-ack", "still up"), "still up");
    assert.equal(main.connected, true);
    assert.equal(m.engine.id, engineId, "same Engine.IO connection");
  });

  test("an unknown namespace gets connect_error \"Invalid namespace\"", async (t) => {
    const socket = open(t, `${ECHO_URL}/no-such-namespace`, setup);
    const err = await connectError(socket);
    assert.equal(err.message, "Invalid namespace");
    assert.equal(socket.connected, false);
    assert.equal(socket.active, false, "a refused socket does not retry");
  });

  test("an unknown namespace does not break the connection's other namespaces", async (t) => {
    const m = manager(t, ECHO_URL, setup);
    const main = m.socket("/");
    await connected(main);
    const unknown = m.socket("/nope");
    assert.equal((await connectError(unknown)).message, "Invalid namespace");
    assert.equal(await main.emitWithAck("message-with-ack", 1), 1);
  });
});
