// Tokens that expire: a connection is told (error token_expired) and disconnected
// ("io server disconnect") at its token's exp; auth_refresh with a newer token of the same
// user moves that deadline; a refused refresh (another user's token, garbage, an expired
// token) gets error invalid_token and moves nothing. Tokens are minted at test time by the
// server's own issuer (LiveNodeTest's mint endpoint), so their exp is known and close.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OFF, TRANSPORTS, WAIT_MS, connect, mint, pingPong, sleep } from "./support.mjs";

const TTL = 4; // seconds; the issuer truncates iat to the second, so exp is 3 to 4 s away

/** Waits for the server's disconnect of a connection whose token expires at `exp` (s). */
async function expectExpiry(c, exp) {
  const until = exp * 1000 - Date.now() + WAIT_MS;
  const reason = await c.rec.until("the disconnect at the token's exp",
    () => c.rec.of("disconnect")[0], Math.max(until, WAIT_MS));
  const at = c.rec.log.find((e) => e.event === "disconnect").at;
  assert.equal(reason, "io server disconnect");
  // Not before exp (the server's timer runs on the same clock; a little slack for rounding).
  assert.ok(at >= exp * 1000 - 250, `disconnected ${exp * 1000 - at} ms before exp`);
  const errors = c.rec.of("error");
  const expired = errors.filter((e) => e.code === "token_expired");
  assert.equal(expired.length, 1, `one token_expired error (errors: ${JSON.stringify(errors)})`);
  assert.match(expired[0].message, /expired/);
  const errorAt = c.rec.log.findIndex((e) => e.event === "error" && e.data.code === "token_expired");
  const disconnectAt = c.rec.log.findIndex((e) => e.event === "disconnect");
  assert.ok(errorAt < disconnectAt, "told before being disconnected");
  assert.equal(c.socket.connected, false);
  assert.equal(c.socket.active, false, "a server disconnect is final: no reconnection");
}

describe("expiry, all transports at once", { concurrency: true }, () => {
  for (const setup of TRANSPORTS) {
    test(`${setup.name}: disconnected at the token's exp, after error token_expired`, async (t) => {
      const { token, exp } = await mint(OFF, "a", TTL);
      const c = await connect(t, OFF, setup, { token });
      await pingPong(c);
      assert.equal(c.rec.of("error").length, 0);
      await expectExpiry(c, exp);
    });

    test(`${setup.name}: auth_refresh before exp keeps the connection past it`, async (t) => {
      const { token, exp } = await mint(OFF, "a", TTL);
      const c = await connect(t, OFF, setup, { token });
      const fresh = await mint(OFF, "a", 120);
      const refreshed = c.rec.next("auth_refreshed");
      const ack = await c.socket.timeout(WAIT_MS).emitWithAck("auth_refresh", { token: fresh.token });
      const event = await refreshed;
      assert.deepEqual(event, ack);
      assert.deepEqual(Object.keys(event), ["expires_at"]);
      assert.equal(Date.parse(event.expires_at), fresh.exp * 1000, `expires_at ${event.expires_at}`);

      await sleep(Math.max(0, exp * 1000 - Date.now()) + 1500);
      await pingPong(c);
      assert.ok(c.socket.connected, "still connected past the old exp");
      assert.equal(c.rec.of("disconnect").length, 0);
      assert.deepEqual(c.rec.of("error"), [], "no error");
    });

    test(`${setup.name}: a refused auth_refresh gets invalid_token and moves nothing`, async (t) => {
      const { token, exp } = await mint(OFF, "a", TTL);
      const c = await connect(t, OFF, setup, { token });
      const attempts = [
        ["another user's token", { token: OFF.tokens.b }, "invalid_token"],
        ["garbage", { token: "garbage" }, "invalid_token"],
        ["an expired token", { token: OFF.tokens.expired }, "invalid_token"],
        ["a token of another secret", { token: OFF.tokens.badSignature }, "invalid_token"],
        ["no token", {}, "bad_request"],
      ];
      for (const [name, payload, code] of attempts) {
        const error = c.rec.next("error");
        const ack = await c.socket.timeout(WAIT_MS).emitWithAck("auth_refresh", payload);
        const body = await error;
        assert.equal(body.code, code, `${name}: ${JSON.stringify(body)}`);
        assert.equal(typeof body.message, "string");
        assert.deepEqual(ack, { error: body }, `${name}: the ack carries the error`);
      }
      await pingPong(c);
      assert.ok(c.socket.connected, "a refused refresh does not close the connection");
      assert.equal(c.rec.of("auth_refreshed").length, 0);
      // The original deadline still holds.
      await expectExpiry(c, exp);
    });
  }
});
