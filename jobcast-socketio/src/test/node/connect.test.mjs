// Connecting to the echo server with each transport setup, and the CONNECT payload (auth).
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect, connected, ECHO_URL, forEachSetup, onFinalTransport, open, record } from "./support.mjs";

forEachSetup((setup) => {
  test("connects, gets a socket id and runs on the expected transport", async (t) => {
    const socket = await connect(t, ECHO_URL, setup);
    assert.equal(socket.connected, true);
    assert.equal(typeof socket.id, "string");
    assert.ok(socket.id.length > 0, "socket id is not empty");
    assert.ok(!socket.recovered, "nothing to recover on a first connection");
    assert.equal(socket.io.engine.transport.name, setup.final);
  });

  test("two clients get different socket ids and engine ids", async (t) => {
    const a = await connect(t, ECHO_URL, setup);
    const b = await connect(t, ECHO_URL, setup);
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.io.engine.id, b.io.engine.id);
  });

  test("the server receives the CONNECT payload (auth)", async (t) => {
    const auth = { token: "abc", user: { name: "zoë ✓", roles: ["a", "b"] }, n: 1.5 };
    const socket = open(t, ECHO_URL, setup, { auth });
    const echoed = record(socket, "auth"); // the server emits it right after the connect
    await connected(socket);
    await onFinalTransport(socket, setup);
    const [args] = await echoed.atLeast(1);
    assert.deepEqual(args, [auth]);
  });

  test("a CONNECT without payload reaches the server as {}", async (t) => {
    const socket = open(t, ECHO_URL, setup);
    const echoed = record(socket, "auth");
    await connected(socket);
    const [args] = await echoed.atLeast(1);
    assert.deepEqual(args, [{}]);
  });

  test("the auth payload may be a function, called at each connect", async (t) => {
    let calls = 0;
    const socket = open(t, ECHO_URL, setup, { auth: (cb) => cb({ call: ++calls }) });
    const echoed = record(socket, "auth");
    await connected(socket);
    const [args] = await echoed.atLeast(1);
    assert.deepEqual(args, [{ call: 1 }]);
  });
});
