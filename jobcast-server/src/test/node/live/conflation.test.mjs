// Conflation on the server paced at 10 job_updates per job and second: a fast worker's
// progress is conflated (the latest wins) while status changes always arrive, seqs only
// grow, every delivered update is the journal's event of its seq, the journal keeps every
// report, and a replay with `since` is never conflated.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ON, TRANSPORTS, assertExactly, assertJobUpdate, assertStrictlyIncreasing, connect, externalJob, getJob, join,
  journal, metric, worker,
} from "./support.mjs";

const REPORTS = 100;
const IN_FLIGHT = 5;

/**
 * A worker with IN_FLIGHT reports at a time, so that reports come far faster than the 10
 * per second the server paces to, however loaded the machine: conflation must happen.
 * Each report is different (message "report i"); their order in the journal is the
 * server's arrival order.
 */
async function fastWorker(id) {
  for (let i = 0; i < REPORTS; i += IN_FLIGHT) {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, REPORTS - i) },
      (_, k) => worker.progress(ON, id, (i + k) % 100, `report ${i + k}`)));
  }
}

for (const setup of TRANSPORTS) {
  describe(setup.name, () => {
    test("a fast worker's progress is conflated; status changes and the journal are whole", async (t) => {
      const c = await connect(t, ON, setup);
      const job = await externalJob(ON);
      const status = await join(c, job.id);
      assert.equal(status.status, "queued");
      assert.equal(status.seq, 1);
      const conflatedBefore = await metric(ON, "jobcast_updates_conflated_total");

      await fastWorker(job.id);
      await worker.complete(ON, job.id, { reports: REPORTS });
      const last = await c.rec.terminal(job.id, 20000);

      const final = await getJob(ON, job.id);
      const events = await journal(ON, job.id);
      // The journal: created, started, every report, completed.
      assert.equal(final.seq, REPORTS + 3);
      assert.deepEqual(events.map((e) => e.seq), Array.from({ length: final.seq }, (_, i) => i + 1));
      assert.deepEqual(events.map((e) => e.type),
        ["created", "started", ...Array(REPORTS).fill("progress"), "completed"]);
      assert.deepEqual(events.filter((e) => e.type === "progress").map((e) => e.payload.message).sort(),
        Array.from({ length: REPORTS }, (_, i) => `report ${i}`).sort(), "every report is in the journal");

      const updates = c.rec.of("job_update");
      updates.forEach((u) => assertJobUpdate(u, job.id));
      assertStrictlyIncreasing(updates.map((u) => u.seq), "job_update seqs");
      assert.ok(updates.every((u) => u.seq > status.seq), "nothing at or below the job_status seq");
      // Status changes always arrive: started (running) and completed.
      const started = updates.filter((u) => u.event === "started");
      assert.equal(started.length, 1, "the started update arrives");
      assert.equal(started[0].seq, 2);
      assert.equal(started[0].status, "running");
      assert.equal(last.event, "completed");
      assert.equal(last.seq, final.seq);
      assert.equal(last.progress, 100);
      assert.deepEqual(last.result, { reports: REPORTS });
      assert.equal(updates[updates.length - 1], last, "the terminal update is the last");
      // Conflation happened: fewer updates than events after the status.
      assert.ok(updates.length < final.seq - status.seq,
        `${updates.length} updates for ${final.seq - status.seq} events: nothing was conflated`);
      assert.ok(await metric(ON, "jobcast_updates_conflated_total") > conflatedBefore,
        "jobcast_updates_conflated_total grew");
      // What arrives is the journal's event of that seq, not a mix.
      for (const u of updates.filter((x) => x.event === "progress")) {
        const e = events[u.seq - 1];
        assert.equal(e.type, "progress");
        assert.equal(u.message, e.payload.message, `message of seq ${u.seq}`);
        assert.equal(u.progress, e.payload.progress, `progress of seq ${u.seq}`);
      }

      // A replay is never conflated: a late subscriber with since 0 gets all of it.
      const late = await connect(t, ON, setup);
      const lateStatus = await join(late, job.id, 0);
      assert.equal(lateStatus.status, "completed");
      assert.equal(lateStatus.seq, final.seq);
      assertExactly(late.rec.seqs(job.id), 1, final.seq, "replayed seqs");
    });
  });
}
