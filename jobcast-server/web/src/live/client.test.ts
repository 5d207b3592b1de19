import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeSocket, jobStatus, progressUpdate } from "../test/fakeSocket";
import { LiveClient, type JobListener } from "./client";
import type { JobUpdate, LiveError } from "./protocol";
import type { JobSnapshot } from "./snapshot";

/** Lets the client's promise callbacks (join acknowledgements) run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

/** A listener that records everything it hears. */
function recorder() {
  const updates: JobUpdate[] = [];
  const snapshots: JobSnapshot[] = [];
  const errors: LiveError[] = [];
  const listener: JobListener = {
    update: (u) => updates.push(u),
    snapshot: (s) => snapshots.push(s),
    error: (e) => errors.push(e),
  };
  return { listener, updates, snapshots, errors, seqs: () => updates.map((u) => u.seq) };
}

describe("LiveClient", () => {
  let socket: FakeSocket;
  let client: LiveClient;

  beforeEach(() => {
    socket = new FakeSocket();
    client = new LiveClient(socket, { ackTimeoutMs: 1000, retryDelayMs: 500 });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  describe("connection state", () => {
    it("connects at once and is connecting until the server accepts", () => {
      expect(socket.connectCalls).toBe(1);
      expect(client.getState().status).toBe("connecting");
      socket.accept(42);
      expect(client.getState()).toEqual({ status: "connected", attempt: 0, reason: null, authRejected: false, userId: 42 });
    });

    it("goes reconnecting when the connection drops, counts attempts, and is connected again after", () => {
      socket.accept();
      const seen: string[] = [];
      client.onStateChange(() => seen.push(client.getState().status));
      socket.drop("transport close");
      expect(client.getState()).toMatchObject({ status: "reconnecting", reason: "the connection was lost" });
      socket.unreachable(1);
      expect(client.getState()).toMatchObject({ status: "reconnecting", attempt: 1, reason: "cannot reach the server" });
      socket.unreachable(2);
      expect(client.getState().attempt).toBe(2);
      socket.accept();
      expect(client.getState()).toMatchObject({ status: "connected", attempt: 0, reason: null });
      expect(seen[0]).toBe("reconnecting");
      expect(seen.at(-1)).toBe("connected");
    });

    it("stays connecting (not reconnecting) while the first connection cannot be made", () => {
      socket.unreachable(1);
      expect(client.getState()).toMatchObject({ status: "connecting", attempt: 1 });
    });

    it("is offline and asks for a new token when the server refuses the token", () => {
      socket.refuse({ message: "Authentication failed: token expired", data: { code: "expired" } });
      expect(client.getState()).toMatchObject({
        status: "offline",
        authRejected: true,
        reason: "Authentication failed: token expired",
      });
    });

    it("says why when the server ends the connection because the token expired", () => {
      socket.accept();
      socket.error({ code: "token_expired", message: "Your token expired at 2026-11-27T10:00:00Z" });
      expect(client.getState().status).toBe("connected");
      socket.kick();
      expect(client.getState()).toMatchObject({
        status: "offline",
        authRejected: true,
        reason: "Your token expired at 2026-11-27T10:00:00Z",
      });
    });

    it("is offline after a kick, and reconnect() connects again", () => {
      socket.accept();
      socket.kick();
      expect(client.getState()).toMatchObject({
        status: "offline",
        authRejected: false,
        reason: "the server closed the connection",
      });
      client.reconnect();
      expect(socket.connectCalls).toBe(2);
      expect(client.getState().status).toBe("reconnecting");
      socket.accept();
      expect(client.getState().status).toBe("connected");
    });

    it("notifies state listeners only on change and stops after unsubscribing", () => {
      const calls = vi.fn();
      const stop = client.onStateChange(calls);
      socket.accept(); // connected, then the user id from `connected`
      expect(calls).toHaveBeenCalledTimes(2);
      socket.accept(); // the same state again
      expect(calls).toHaveBeenCalledTimes(2);
      stop();
      socket.drop();
      expect(calls).toHaveBeenCalledTimes(2);
    });

    it("close() closes the socket and ends offline", () => {
      socket.accept();
      client.close();
      expect(socket.closeCalls).toBe(1);
      expect(client.getState()).toMatchObject({ status: "offline", reason: "closed" });
    });
  });

  describe("subscriptions", () => {
    it("joins without since when nothing is known, and applies the status", async () => {
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      const join = socket.nextJoin();
      expect(join.request).toEqual({ job_id: 5 });
      join.answer(jobStatus(5, 9, 40));
      await flush();
      expect(client.lastSeq(5)).toBe(9);
      expect(r.snapshots.at(-1)).toMatchObject({ jobId: 5, seq: 9, progress: 40, status: "running" });
    });

    it("waits for the connection before joining", () => {
      client.subscribe(5, recorder().listener);
      expect(socket.joins).toHaveLength(0);
      socket.accept();
      expect(socket.nextJoin().request).toEqual({ job_id: 5 });
    });

    it("starts from a known snapshot: the first join asks only for what came after it", () => {
      socket.accept();
      const r = recorder();
      const from: JobSnapshot = {
        jobId: 5, seq: 12, status: "running", progress: 45, message: "m", stage: "Drafting",
        result: null, error: null, updatedAt: null,
      };
      client.subscribe(5, r.listener, { from });
      expect(socket.nextJoin().request).toEqual({ job_id: 5, since: 12 });
      expect(r.snapshots).toEqual([from]);
      socket.update(progressUpdate(5, 12, 45));
      expect(r.updates).toHaveLength(0);
      socket.update(progressUpdate(5, 13, 50));
      expect(r.seqs()).toEqual([13]);
    });

    it("applies updates in order and drops any whose seq is not above the last", () => {
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      socket.update(progressUpdate(5, 3, 10));
      socket.update(progressUpdate(5, 4, 15));
      socket.update(progressUpdate(5, 4, 15)); // duplicate
      socket.update(progressUpdate(5, 2, 5)); // older
      socket.update(progressUpdate(5, 6, 25)); // 5 was conflated by the server's pacing
      expect(r.seqs()).toEqual([3, 4, 6]);
      expect(client.snapshot(5)).toMatchObject({ seq: 6, progress: 25 });
      expect(r.snapshots.map((s) => s.seq)).toEqual([3, 4, 6]);
    });

    it("ignores a status older than what was applied", async () => {
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      socket.update(progressUpdate(5, 8, 40));
      socket.nextJoin().answer(jobStatus(5, 7, 35));
      await flush();
      expect(client.snapshot(5)).toMatchObject({ seq: 8, progress: 40 });
      expect(r.snapshots).toHaveLength(1);
    });

    it("re-joins every job after a reconnect with the last seq, and applies what was missed once", async () => {
      socket.accept();
      const a = recorder();
      const b = recorder();
      client.subscribe(5, a.listener);
      client.subscribe(6, b.listener);
      socket.nextJoin().answer(jobStatus(5, 2, 0));
      socket.nextJoin().answer(jobStatus(6, 4, 10));
      await flush();
      socket.update(progressUpdate(5, 3, 5));
      socket.update(progressUpdate(5, 4, 10));

      socket.drop(); // e.g. the server restarts; events 5 and 6 of job 5 happen meanwhile
      socket.unreachable(1);
      expect(socket.joins).toHaveLength(0);
      socket.accept();

      expect(socket.joins.map((j) => j.request)).toEqual([
        { job_id: 5, since: 4 },
        { job_id: 6, since: 4 },
      ]);
      // The server replays after `since`; an overlapping live delivery of 4 is dropped.
      socket.update(progressUpdate(5, 4, 10));
      socket.update(progressUpdate(5, 5, 15));
      socket.update({ ...progressUpdate(5, 6, 15), event: "failed", status: "failed", error: "interrupted by restart" });
      socket.nextJoin().answer(jobStatus(5, 6, 15, "failed"));
      socket.nextJoin().answer(jobStatus(6, 4, 10));
      await flush();

      expect(a.seqs()).toEqual([3, 4, 5, 6]);
      expect(client.snapshot(5)).toMatchObject({ seq: 6, status: "failed", error: "interrupted by restart" });
      expect(client.snapshot(6)).toMatchObject({ seq: 4, progress: 10 });
      expect(b.updates).toHaveLength(0);
    });

    it("re-joins after every reconnect, not only the first", () => {
      socket.accept();
      client.subscribe(5, recorder().listener);
      socket.nextJoin();
      socket.update(progressUpdate(5, 3, 5));
      socket.drop();
      socket.accept();
      expect(socket.nextJoin().request).toEqual({ job_id: 5, since: 3 });
      socket.update(progressUpdate(5, 7, 30));
      socket.drop("ping timeout");
      socket.accept();
      expect(socket.nextJoin().request).toEqual({ job_id: 5, since: 7 });
    });

    it("shares one server subscription between subscribers of a job and leaves with the last", () => {
      socket.accept();
      const a = recorder();
      const b = recorder();
      const stopA = client.subscribe(5, a.listener);
      socket.update(progressUpdate(5, 3, 10));
      const stopB = client.subscribe(5, b.listener);
      expect(socket.joins).toHaveLength(1);
      expect(b.snapshots.map((s) => s.seq)).toEqual([3]); // the state so far, at once
      stopA();
      expect(socket.leaves).toHaveLength(0);
      socket.update(progressUpdate(5, 4, 15));
      expect(a.seqs()).toEqual([3]);
      expect(b.seqs()).toEqual([4]);
      stopB();
      expect(socket.leaves).toEqual([{ job_id: 5 }]);
      socket.update(progressUpdate(5, 5, 20));
      expect(client.snapshot(5)).toBeNull();
      expect(b.seqs()).toEqual([4]);
    });

    it("reports a refused join to the job's listeners", async () => {
      socket.accept();
      const r = recorder();
      client.subscribe(99, r.listener);
      socket.nextJoin().answer({ error: { code: "not_found", message: "Job 99 not found or access denied" } });
      await flush();
      expect(r.errors).toEqual([{ code: "not_found", message: "Job 99 not found or access denied" }]);
    });

    it("joins again later when the server is busy or does not answer", async () => {
      vi.useFakeTimers();
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      socket.nextJoin().answer({ error: { code: "unavailable", message: "try again" } });
      await flush();
      expect(r.errors).toHaveLength(0);
      expect(socket.joins).toHaveLength(0);
      vi.advanceTimersByTime(500);
      socket.nextJoin().timeOut();
      await flush();
      expect(socket.joins).toHaveLength(0);
      vi.advanceTimersByTime(500);
      expect(socket.nextJoin().request).toEqual({ job_id: 5 });
    });

    it("ignores the answer of a join that a reconnect superseded", async () => {
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      const stale = socket.nextJoin();
      socket.drop();
      socket.accept();
      const fresh = socket.nextJoin();
      stale.answer({ error: { code: "not_found", message: "stale" } });
      fresh.answer(jobStatus(5, 4, 20));
      await flush();
      expect(r.errors).toHaveLength(0);
      expect(client.snapshot(5)).toMatchObject({ seq: 4 });
    });

    it("does not retry a join of the old connection that timed out after a drop", async () => {
      vi.useFakeTimers();
      socket.accept();
      client.subscribe(5, recorder().listener);
      const old = socket.nextJoin();
      socket.drop();
      old.timeOut();
      await flush();
      vi.advanceTimersByTime(5000);
      expect(socket.joins).toHaveLength(0);
    });

    it("ignores updates of jobs nobody watches", () => {
      socket.accept();
      const r = recorder();
      client.subscribe(5, r.listener);
      socket.update(progressUpdate(6, 3, 10));
      expect(r.updates).toHaveLength(0);
      expect(client.snapshot(6)).toBeNull();
    });
  });
});
