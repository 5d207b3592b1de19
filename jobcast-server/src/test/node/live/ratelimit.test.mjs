// The inbound rate limit (LiveNodeTest configures 20 events/s with a burst of 40): a
// connection that floods gets error rate_limited and is disconnected ("io server
// disconnect"); what it sent within its allowance was answered, the rest was not; a
// neighbour's connection is unaffected.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OFF, TRANSPORTS, connect, pingPong } from "./support.mjs";

const FLOOD = 500;

for (const setup of TRANSPORTS) {
  describe(setup.name, () => {
    test("a flood of 500 pings: rate_limited, then disconnected; the neighbour goes on", async (t) => {
      const flooder = await connect(t, OFF, setup);
      const neighbour = await connect(t, OFF, setup, { token: OFF.tokens.b });

      const started = Date.now();
      for (let i = 0; i < FLOOD; i++) {
        flooder.socket.emit("ping");
      }
      const reason = await flooder.rec.until("the flooder's disconnect", () => flooder.rec.of("disconnect")[0]);
      const elapsed = (Date.now() - started) / 1000;
      assert.equal(reason, "io server disconnect");
      assert.equal(flooder.socket.active, false, "a server disconnect is final");

      const errors = flooder.rec.of("error");
      assert.equal(errors.length, 1, `one error: ${JSON.stringify(errors)}`);
      assert.equal(errors[0].code, "rate_limited");
      assert.equal(typeof errors[0].message, "string");
      const log = flooder.rec.log;
      const errorAt = log.findIndex((e) => e.event === "error");
      const disconnectAt = log.findIndex((e) => e.event === "disconnect");
      assert.ok(errorAt < disconnectAt, "told before being disconnected");
      // The burst was answered, what came after it was not (give the refill its due).
      const pongs = flooder.rec.of("pong").length;
      assert.ok(pongs >= OFF.inboundBurst, `${pongs} pongs: the burst of ${OFF.inboundBurst} was not honoured`);
      assert.ok(pongs <= OFF.inboundBurst + Math.ceil(OFF.inboundPerSecond * elapsed) + 1,
        `${pongs} pongs in ${elapsed} s: the limit did not hold`);
      assert.ok(log.slice(errorAt).every((e) => e.event !== "pong"), "no pong after the rate_limited error");

      // The neighbour: its own allowance, untouched.
      for (let i = 0; i < 10; i++) {
        await pingPong(neighbour);
      }
      assert.ok(neighbour.socket.connected);
      assert.equal(neighbour.rec.of("disconnect").length, 0);
      assert.equal(neighbour.rec.of("error").length, 0);
    });
  });
}
