// Connect middlewares: the fixture's "/secure" namespace lets a CONNECT in only with
// auth.token === "let-me-in", and refuses with message "unauthorized" and data {reason}.
import assert from "node:assert/strict";
import { test } from "node:test";
import { connected, connectError, FIXTURE_URL, forEachSetup, manager, open, record, SECURE_TOKEN } from "./support.mjs";

const SECURE = `${FIXTURE_URL}/secure`;

forEachSetup((setup) => {
  test("a wrong token is refused with the middleware's message and data", async (t) => {
    const socket = open(t, SECURE, setup, { auth: { token: "guess" } });
    const welcomes = record(socket, "welcome");
    const err = await connectError(socket);
    assert.equal(err.message, "unauthorized");
    assert.deepEqual(err.data, { reason: "wrong token" });
    assert.equal(socket.connected, false);
    assert.equal(socket.active, false, "a refused socket does not retry");
    assert.deepEqual(welcomes.seen, []);
  });

  test("a missing token is refused with its own reason", async (t) => {
    const socket = open(t, SECURE, setup);
    const err = await connectError(socket);
    assert.equal(err.message, "unauthorized");
    assert.deepEqual(err.data, { reason: "missing token" });
  });

  test("the right token is let in, with the data the middleware attached", async (t) => {
    const socket = open(t, SECURE, setup, { auth: { token: SECURE_TOKEN } });
    const welcomes = record(socket, "welcome");
    await connected(socket);
    assert.deepEqual((await welcomes.atLeast(1))[0], [{ user: "tester" }]);
  });

  test("a refusal leaves the connection's other namespaces alone", async (t) => {
    const m = manager(t, FIXTURE_URL, setup);
    const main = m.socket("/");
    await connected(main);
    const secure = m.socket("/secure", { auth: { token: "guess" } });
    assert.equal((await connectError(secure)).message, "unauthorized");
    assert.ok(Array.isArray(await main.emitWithAck("rooms")), "/ still answers");
    assert.equal(main.connected, true);
  });

  test("after a refusal, the same client can connect with the right token", async (t) => {
    const socket = open(t, SECURE, setup, { auth: { token: "guess" } });
    await connectError(socket);
    socket.auth = { token: SECURE_TOKEN };
    socket.connect();
    await connected(socket);
    assert.equal(socket.connected, true);
  });
});
