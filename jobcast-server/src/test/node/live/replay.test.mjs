// Gap-free replay on the conflation-off server: a worker reports as fast as it can while a
// client joins with `since` partway through; the client's job_update seqs must be exactly
// since+1..N (N: the job's final seq), in order, none twice, with the replayed ones before
// job_status and the live ones after it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  OFF, TRANSPORTS, assertExactly, assertJobUpdate, connect, externalJob, getJob, join, journal, reportMany,
  worker,
} from "./support.mjs";

const REPORTS = 100;
// Created (1), started (2, persisted with the first report), the reports (2..101 + 1), completed.
const FINAL_SEQ = REPORTS + 3;

/**
 * When the client joins (after how many reports; "done" = after the completion) and with
 * which `since`: a number, or {back: k} for k below the job's seq when it joins.
 */
const SCENARIOS = [
  { name: "since 0, before the first report", after: 0, since: 0 },
  { name: "since 0, after 30 reports", after: 30, since: 0 },
  { name: "since 0, after 90 reports", after: 90, since: 0 },
  { name: "since a middle seq, after 50 reports", after: 50, since: { back: 20 } },
  { name: "since a middle seq, after the completion", after: "done", since: 60 },
];

for (const setup of TRANSPORTS) {
  describe(setup.name, () => {
    for (const scenario of SCENARIOS) {
      test(`replay with ${scenario.name}: exactly since+1..N`, async (t) => {
        const c = await connect(t, OFF, setup);
        const job = await externalJob(OFF);
        let since;
        let joined;
        const joinNow = async () => {
          if (typeof scenario.since === "number") {
            since = scenario.since;
          } else {
            // A seq the client "had": somewhat behind where the job is now.
            since = Math.max(0, (await getJob(OFF, job.id)).seq - scenario.since.back);
          }
          // Not awaited: the worker keeps reporting while the replay runs.
          joined = join(c, job.id, since);
          joined.catch(() => {});
        };

        if (scenario.after === 0) {
          await joinNow();
        }
        await reportMany(OFF, job.id, REPORTS, {
          onReport: async (done) => {
            if (done === scenario.after) {
              await joinNow();
            }
          },
        });
        await worker.complete(OFF, job.id, { reports: REPORTS });
        if (scenario.after === "done") {
          await joinNow();
        }
        const status = await joined;
        await c.rec.terminal(job.id, 20000);

        const final = await getJob(OFF, job.id);
        assert.equal(final.status, "completed");
        assert.equal(final.seq, FINAL_SEQ, "the job's final seq");
        const events = await journal(OFF, job.id);
        assert.deepEqual(events.map((e) => e.seq), Array.from({ length: FINAL_SEQ }, (_, i) => i + 1),
          "the journal holds every event");

        const updates = c.rec.of("job_update");
        updates.forEach((u) => assertJobUpdate(u, job.id));
        const seqs = updates.map((u) => u.seq);
        assert.ok(seqs.every((s) => s > since), `no job_update at or below since=${since}`);
        assertExactly(seqs, since + 1, final.seq, `job_update seqs after since=${since}`);

        // Replayed ones (up to the status's seq) come before job_status, live ones after it.
        assert.equal(c.rec.of("job_status").length, 1, "one job_status");
        assert.ok(status.seq >= since && status.seq <= final.seq, `job_status seq ${status.seq}`);
        const statusAt = c.rec.log.findIndex((e) => e.event === "job_status");
        c.rec.log.forEach((e, i) => {
          if (e.event === "job_update") {
            assert.equal(i < statusAt, e.data.seq <= status.seq,
              `job_update ${e.data.seq} is on the right side of job_status (seq ${status.seq})`);
          }
        });
        // Each update says what the journal says of its seq.
        for (const u of updates) {
          const e = events[u.seq - 1];
          assert.equal(u.event, e.type, `event type of seq ${u.seq}`);
          if (u.event === "progress") {
            assert.equal(u.message, e.payload.message, `message of seq ${u.seq}`);
            assert.equal(u.progress, e.payload.progress, `progress of seq ${u.seq}`);
          }
        }
      });
    }
  });
}
