// The seed's flows end to end with the official socket.io-client, on the conflation-off
// server: connected, join_job -> job_status (event and ack), job_update until completed,
// leave_job, ping, refused tokens, jobs one may not see, and bad payloads.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  OFF, TRANSPORTS, WAIT_MS, api, assertExactly, assertJobUpdate, connect, connected, createJob, externalJob,
  getJob, join, open, pingPong, worker,
} from "./support.mjs";

const NOT_FOUND = (id) => ({ message: `Job ${id} not found or access denied`, code: "not_found" });

for (const setup of TRANSPORTS) {
  describe(setup.name, () => {
    test("connected tells the user id and the time", async (t) => {
      const before = Date.now();
      const { rec, socket } = await connect(t, OFF, setup);
      const hello = rec.of("connected");
      assert.equal(hello.length, 1, "one connected event");
      assert.deepEqual(Object.keys(hello[0]).sort(), ["message", "timestamp", "user_id"]);
      assert.equal(typeof hello[0].message, "string");
      assert.ok(hello[0].message.length > 0);
      assert.equal(hello[0].user_id, OFF.users.a);
      const at = Date.parse(hello[0].timestamp);
      assert.ok(at >= before - 5000 && at <= Date.now() + 5000, `timestamp ${hello[0].timestamp}`);
      assert.ok(socket.connected);
    });

    test("a demo job: job_status (event and ack), every job_update until completed with its result", async (t) => {
      const c = await connect(t, OFF, setup);
      const job = await createJob(OFF, { type: "demo", input: { topic: "seed flow" } });
      assert.ok(Number.isSafeInteger(job.id) && job.id > 0, `job id ${job.id}`);
      assert.equal(job.type, "demo");
      assert.equal(job.runner, "demo");
      assert.ok(["queued", "running"].includes(job.status), `new demo job is ${job.status}`);

      const status = await join(c, job.id);
      for (const key of ["job_id", "status", "progress", "message", "seq"]) {
        assert.ok(key in status, `job_status has ${key}: ${JSON.stringify(status)}`);
      }
      assert.ok(["queued", "running"].includes(status.status), `status ${status.status}`);
      assert.ok(Number.isSafeInteger(status.seq) && status.seq >= 1);

      // A second subscriber without an ack gets the job_status event alone.
      const quiet = await connect(t, OFF, setup);
      const quietStatus = quiet.rec.next("job_status");
      quiet.socket.emit("join_job", { job_id: job.id });
      assert.equal((await quietStatus).job_id, job.id);

      const last = await c.rec.terminal(job.id, 20000);
      const updates = c.rec.of("job_update");
      updates.forEach((u) => assertJobUpdate(u, job.id));
      // Conflation is off: every event after the status arrives, in order, none twice.
      assertExactly(updates.map((u) => u.seq), status.seq + 1, last.seq, "job_update seqs after job_status");
      assert.equal(updates[updates.length - 1], last, "nothing after the terminal update");
      assert.equal(last.status, "completed");
      assert.equal(last.event, "completed");
      assert.equal(last.progress, 100);
      assert.equal(typeof last.result, "object");
      assert.match(last.result.summary, new RegExp(`^Demo job ${job.id} `));
      assert.deepEqual(last.result.stages, ["Researching", "Drafting", "Polishing"]);
      const stages = new Set(updates.filter((u) => u.event === "progress").map((u) => u.stage));
      assert.ok(stages.has("Polishing"), `progress through the stages: ${[...stages]}`);

      // The REST view agrees with what was streamed.
      const stored = await getJob(OFF, job.id);
      assert.equal(stored.status, "completed");
      assert.equal(stored.seq, last.seq);
      assert.deepEqual(stored.result, last.result);
    });

    test("leave_job -> job_unsubscribed, and no more updates of that job", async (t) => {
      const c = await connect(t, OFF, setup);
      const observer = await connect(t, OFF, setup);
      const job = await externalJob(OFF);
      await join(c, job.id);
      await join(observer, job.id);

      await worker.progress(OFF, job.id, 10, "before leaving");
      // Started (seq 2) and the report (seq 3) reach the subscriber.
      await c.rec.until("seq 3", () => c.rec.seqs(job.id).includes(3));

      const unsubscribed = c.rec.next("job_unsubscribed");
      const ack = await c.socket.timeout(WAIT_MS).emitWithAck("leave_job", { job_id: job.id });
      const event = await unsubscribed;
      assert.deepEqual(event, ack);
      assert.deepEqual(Object.keys(event).sort(), ["job_id", "message"]);
      assert.equal(event.job_id, job.id);
      assert.equal(typeof event.message, "string");
      assert.ok(event.message.includes(String(job.id)), event.message);

      await worker.progress(OFF, job.id, 20, "after leaving");
      await observer.rec.until("seq 4 at the observer", () => observer.rec.seqs(job.id).includes(4));
      await pingPong(c); // the server has handled everything sent to c before the pong
      assert.deepEqual(c.rec.seqs(job.id), [2, 3], "no job_update after leave_job");
    });

    test("ping -> pong {timestamp}, as an event and through the ack", async (t) => {
      const c = await connect(t, OFF, setup);
      const body = await pingPong(c);
      assert.deepEqual(Object.keys(body), ["timestamp"]);
      const acked = await c.socket.timeout(WAIT_MS).emitWithAck("ping");
      assert.deepEqual(Object.keys(acked), ["timestamp"]);
      assert.ok(Math.abs(Date.parse(acked.timestamp) - Date.now()) < 60000, acked.timestamp);
    });

    test("refused tokens get connect_error saying why, with data.code", async (t) => {
      const cases = [
        { name: "no token", auth: {}, code: "missing", says: /no token/i },
        { name: "expired", auth: { token: OFF.tokens.expired }, code: "expired", says: /expired/i },
        { name: "bad signature", auth: { token: OFF.tokens.badSignature }, code: "bad_signature", says: /signature/i },
        { name: "unknown user", auth: { token: OFF.tokens.unknownUser }, code: "unknown_user", says: /does not exist/i },
        { name: "garbage", auth: { token: "not-a-jwt" }, code: "malformed", says: /JWT/ },
      ];
      for (const c of cases) {
        const { socket, rec } = open(t, OFF, setup, { auth: c.auth });
        const err = await rec.until(`connect_error (${c.name})`, () => rec.of("connect_error")[0]);
        assert.match(err.message, /^Authentication failed: /, `${c.name}: ${err.message}`);
        assert.match(err.message, c.says, `${c.name}: ${err.message}`);
        assert.equal(err.data?.code, c.code, `${c.name}: data ${JSON.stringify(err.data)}`);
        assert.equal(socket.connected, false);
        assert.equal(rec.of("connected").length, 0, `${c.name}: no connected event`);
      }
    });

    test("another user's job and a missing job get the same not_found error", async (t) => {
      const a = await connect(t, OFF, setup);
      const b = await connect(t, OFF, setup, { token: OFF.tokens.b });
      const theirs = await externalJob(OFF, "b");
      await join(b, theirs.id);
      // Ids below 2^53 that no job has.
      const missing = theirs.id + 1_000_000;

      for (const id of [theirs.id, missing]) {
        const error = a.rec.next("error");
        const ack = await a.socket.timeout(WAIT_MS).emitWithAck("join_job", { job_id: id });
        assert.deepEqual(await error, NOT_FOUND(id), `error event for job ${id}`);
        assert.deepEqual(ack, { error: NOT_FOUND(id) }, `ack for job ${id}`);
      }
      // Nor does the REST API tell them apart.
      const rest = await api(OFF, OFF.tokens.a, "GET", `/api/jobs/${theirs.id}`);
      const restMissing = await api(OFF, OFF.tokens.a, "GET", `/api/jobs/${missing}`);
      assert.equal(rest.status, 404);
      assert.equal(restMissing.status, 404);

      // The refused join subscribed a to nothing.
      await worker.progress(OFF, theirs.id, 50, "owner only");
      await b.rec.until("the owner's update", () => b.rec.seqs(theirs.id).includes(3));
      await pingPong(a);
      assert.equal(a.rec.of("job_update").length, 0, "a got no update of b's job");
      assert.equal(a.rec.of("job_status").length, 0, "a got no job_status of b's job");
    });

    test("bad payloads get error bad_request and the connection stays up", async (t) => {
      const c = await connect(t, OFF, setup);
      const job = await externalJob(OFF);
      const bad = [
        ["no job_id", [{}]],
        ["job_id null", [{ job_id: null }]],
        ["a string id", [{ job_id: String(job.id) }]],
        ["a negative number", [{ job_id: -job.id }]],
        ["zero", [{ job_id: 0 }]],
        ["a fraction", [{ job_id: 1.5 }]],
        ["2^53", [{ job_id: 2 ** 53 }]],
        ["an array as job_id", [{ job_id: Array.from({ length: 10000 }, (_, i) => i + 1) }]],
        ["a huge array payload", [Array.from({ length: 10000 }, (_, i) => i + 1)]],
        ["a string payload", ["not an object"]],
        ["a number payload", [job.id]],
        ["null payload", [null]],
        ["no payload", []],
        ["a negative since", [{ job_id: job.id, since: -1 }]],
        ["a string since", [{ job_id: job.id, since: "0" }]],
        ["a since ahead of the job (seq 1)", [{ job_id: job.id, since: 1000 }]],
      ];
      for (const [name, args] of bad) {
        const error = c.rec.next("error");
        const ack = await c.socket.timeout(WAIT_MS).emitWithAck("join_job", ...args);
        const body = await error;
        assert.equal(body.code, "bad_request", `${name}: ${JSON.stringify(body)}`);
        assert.deepEqual(Object.keys(body).sort(), ["code", "message"], name);
        assert.equal(typeof body.message, "string");
        assert.ok(body.message.length > 0, name);
        assert.deepEqual(ack, { error: body }, `${name}: the ack carries the error`);
      }
      const leaveError = c.rec.next("error");
      c.socket.emit("leave_job", { job_id: "x" });
      assert.equal((await leaveError).code, "bad_request", "leave_job checks its payload too");

      await pingPong(c);
      assert.ok(c.socket.connected);
      assert.equal(c.rec.of("disconnect").length, 0, "never disconnected");
      // The refused since-ahead join left no subscription behind: no job_status, and a
      // report on the job reaches nobody here.
      assert.equal(c.rec.of("job_status").length, 0, "no job_status for a refused join");
      await worker.progress(OFF, job.id, 5, "after the refused joins");
      await pingPong(c);
      assert.equal(c.rec.of("job_update").length, 0, "no job_update after refused joins");
      assert.equal(c.rec.of("job_status").length, 0, "no bad payload joined anything");
      // And a good join still works on the same connection.
      const status = await join(c, job.id);
      assert.equal(status.status, "running", "the report above started the external job");
    });
  });
}
