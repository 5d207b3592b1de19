// A connection watches a bounded number of jobs: beyond it, join_job gets error
// too_many_jobs and the connection stays up; leaving one makes room again.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OFF, TRANSPORTS, connect, externalJob, join, pingPong } from "./support.mjs";

for (const setup of TRANSPORTS) {
  describe(setup.name, () => {
    test("join_job beyond max-jobs-per-connection: too_many_jobs, until one is left", async (t) => {
      const c = await connect(t, OFF, setup);
      const jobs = [];
      for (let i = 0; i <= OFF.maxJobsPerConnection; i++) {
        jobs.push(await externalJob(OFF));
      }
      for (const job of jobs.slice(0, OFF.maxJobsPerConnection)) {
        await join(c, job.id);
      }
      const extra = jobs[OFF.maxJobsPerConnection];

      const error = c.rec.next("error");
      const ack = await c.socket.timeout(5000).emitWithAck("join_job", { job_id: extra.id });
      assert.equal(ack.error.code, "too_many_jobs");
      assert.deepEqual(await error, ack.error, "the error event and the ack say the same");
      assert.match(ack.error.message, new RegExp(`at most ${OFF.maxJobsPerConnection} jobs`));

      await join(c, jobs[0].id); // joining a job already watched is not one more
      const left = c.rec.next("job_unsubscribed");
      c.socket.emit("leave_job", { job_id: jobs[0].id });
      await left;
      assert.equal((await join(c, extra.id)).job_id, extra.id, "room again after leave_job");
      await pingPong(c);
      assert.equal(c.socket.connected, true);
    });
  });
}
