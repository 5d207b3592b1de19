import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { LiveClient } from "../live/client";
import type { JobSnapshot } from "../live/snapshot";
import { FakeSocket, jobStatus, progressUpdate } from "../test/fakeSocket";
import { LiveClientProvider } from "./LiveClientContext";
import { useJobProgress } from "./useJobProgress";

function setup() {
  const socket = new FakeSocket();
  const client = new LiveClient(socket);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <LiveClientProvider client={client}>{children}</LiveClientProvider>
  );
  return { socket, client, wrapper };
}

/** Lets join acknowledgements resolve inside act(). */
async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) {
      await Promise.resolve();
    }
  });
}

describe("useJobProgress", () => {
  it("has no job while connecting, then the status the server answers", async () => {
    const { socket, wrapper } = setup();
    const { result } = renderHook(() => useJobProgress(3), { wrapper });
    expect(result.current.job).toBeNull();
    expect(result.current.isConnected).toBe(false);
    expect(result.current.connection.status).toBe("connecting");

    act(() => socket.accept());
    expect(result.current.isConnected).toBe(true);
    const join = socket.nextJoin();
    expect(join.request).toEqual({ job_id: 3 });
    act(() => join.answer(jobStatus(3, 5, 20)));
    await settle();
    expect(result.current.job).toMatchObject({ jobId: 3, seq: 5, progress: 20, status: "running" });
  });

  it("follows live updates and ignores duplicates", () => {
    const { socket, wrapper } = setup();
    const { result } = renderHook(() => useJobProgress(3), { wrapper });
    act(() => socket.accept());
    act(() => socket.update(progressUpdate(3, 6, 25)));
    expect(result.current.job).toMatchObject({ seq: 6, progress: 25 });
    expect(result.current.lastUpdate?.seq).toBe(6);
    const before = result.current.job;
    act(() => socket.update(progressUpdate(3, 6, 99)));
    expect(result.current.job).toBe(before);
    act(() => socket.update({ ...progressUpdate(3, 7, 100), event: "completed", status: "completed", result: { words: 3 } }));
    expect(result.current.job).toMatchObject({ seq: 7, status: "completed", progress: 100, result: { words: 3 } });
  });

  it("shows the reconnection and ends with what happened meanwhile", async () => {
    const { socket, wrapper } = setup();
    const { result } = renderHook(() => useJobProgress(3), { wrapper });
    act(() => socket.accept());
    socket.nextJoin();
    act(() => socket.update(progressUpdate(3, 9, 40)));

    act(() => socket.drop());
    expect(result.current.connection.status).toBe("reconnecting");
    expect(result.current.isConnected).toBe(false);
    expect(result.current.job).toMatchObject({ seq: 9, progress: 40 }); // the last known state stays

    act(() => socket.accept());
    const rejoin = socket.nextJoin();
    expect(rejoin.request).toEqual({ job_id: 3, since: 9 });
    act(() =>
      socket.update({
        ...progressUpdate(3, 10, 40),
        event: "failed",
        status: "failed",
        error: "interrupted by restart",
      }),
    );
    act(() => rejoin.answer(jobStatus(3, 10, 40, "failed")));
    await settle();
    expect(result.current.connection.status).toBe("connected");
    expect(result.current.job).toMatchObject({ seq: 10, status: "failed", error: "interrupted by restart" });
  });

  it("starts from a known snapshot and continues after it", () => {
    const { socket, wrapper } = setup();
    const from: JobSnapshot = {
      jobId: 3, seq: 4, status: "running", progress: 15, message: null, stage: "Researching",
      result: null, error: null, updatedAt: "2026-11-27T09:00:00Z",
    };
    const { result } = renderHook(() => useJobProgress(3, from), { wrapper });
    expect(result.current.job).toEqual(from);
    act(() => socket.accept());
    expect(socket.nextJoin().request).toEqual({ job_id: 3, since: 4 });
  });

  it("moves to another job: leaves the old one, joins the new one", () => {
    const { socket, wrapper } = setup();
    const { result, rerender } = renderHook(({ id }: { id: number }) => useJobProgress(id), {
      wrapper,
      initialProps: { id: 3 },
    });
    act(() => socket.accept());
    socket.nextJoin();
    act(() => socket.update(progressUpdate(3, 6, 25)));
    rerender({ id: 4 });
    expect(socket.leaves).toEqual([{ job_id: 3 }]);
    expect(socket.nextJoin().request).toEqual({ job_id: 4 });
    expect(result.current.job).toBeNull();
    act(() => socket.update(progressUpdate(3, 7, 30)));
    expect(result.current.job).toBeNull();
  });

  it("leaves the job when unmounted, and watches nothing for a null id", () => {
    const { socket, client, wrapper } = setup();
    act(() => socket.accept());
    const { unmount } = renderHook(() => useJobProgress(3), { wrapper });
    unmount();
    expect(socket.leaves).toEqual([{ job_id: 3 }]);
    expect(client.snapshot(3)).toBeNull();

    const none = renderHook(() => useJobProgress(null), { wrapper });
    expect(none.result.current.job).toBeNull();
    expect(socket.joins).toHaveLength(1); // only job 3's
  });

  it("exposes a refused subscription", async () => {
    const { socket, wrapper } = setup();
    const { result } = renderHook(() => useJobProgress(77), { wrapper });
    act(() => socket.accept());
    act(() => socket.nextJoin().answer({ error: { code: "not_found", message: "Job 77 not found or access denied" } }));
    await settle();
    expect(result.current.error).toEqual({ code: "not_found", message: "Job 77 not found or access denied" });
    expect(result.current.job).toBeNull();
  });
});
