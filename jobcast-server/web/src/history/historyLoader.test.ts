import { afterEach, describe, expect, it, vi } from "vitest";
import type { JournalEvent } from "../api/types";
import { HistoryLoader } from "./historyLoader";

/** A journal of `n` events that the loader reads through `read`, `pageSize` at a time. */
function journal(n: number, pageSize: number) {
  const events: JournalEvent[] = [];
  const grow = (to: number) => {
    for (let seq = events.length + 1; seq <= to; seq++) {
      events.push({ seq, type: seq === 1 ? "created" : "progress", timestamp: "t", payload: {} });
    }
  };
  grow(n);
  const reads: number[] = [];
  const read = vi.fn(async (since: number) => {
    reads.push(since);
    return events.filter((e) => e.seq > since).slice(0, pageSize);
  });
  return { read, reads, grow };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await Promise.resolve();
  }
}

describe("HistoryLoader", () => {
  afterEach(() => vi.useRealTimers());

  it("reads the whole journal page by page", async () => {
    const j = journal(7, 3);
    let shown: readonly JournalEvent[] = [];
    const loader = new HistoryLoader(j.read, { pageSize: 3, onChange: (e) => (shown = e), onError: () => {} });
    loader.want();
    await flush();
    expect(shown.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(j.reads).toEqual([0, 3, 6]);
  });

  it("reads only what is new when a newer seq is announced, never twice the same event", async () => {
    const j = journal(3, 100);
    let shown: readonly JournalEvent[] = [];
    const loader = new HistoryLoader(j.read, { pageSize: 100, onChange: (e) => (shown = e), onError: () => {} });
    loader.want();
    await flush();
    loader.want(2); // already there: no read
    await flush();
    expect(j.reads).toEqual([0]);
    j.grow(5);
    loader.want(5);
    await flush();
    expect(j.reads).toEqual([0, 3]);
    expect(shown.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("makes one read at a time and catches up with what was announced meanwhile", async () => {
    const j = journal(2, 100);
    let shown: readonly JournalEvent[] = [];
    const loader = new HistoryLoader(j.read, { pageSize: 100, onChange: (e) => (shown = e), onError: () => {} });
    loader.want();
    loader.want(1);
    loader.want(2);
    expect(j.read).toHaveBeenCalledTimes(1);
    await flush();
    expect(shown.map((e) => e.seq)).toEqual([1, 2]);
  });

  it("asks again later when the journal is behind the announced seq, and after a failure", async () => {
    vi.useFakeTimers();
    const j = journal(2, 100);
    let shown: readonly JournalEvent[] = [];
    const errors: unknown[] = [];
    const loader = new HistoryLoader(j.read, {
      pageSize: 100,
      retryDelayMs: 1000,
      onChange: (e) => (shown = e),
      onError: (e) => errors.push(e),
    });
    loader.want(4);
    await flush();
    expect(shown.map((e) => e.seq)).toEqual([1, 2]);
    expect(j.read).toHaveBeenCalledTimes(1);
    j.read.mockRejectedValueOnce(new Error("503"));
    vi.advanceTimersByTime(1000);
    await flush();
    expect(errors).toHaveLength(1);
    j.grow(4);
    vi.advanceTimersByTime(1000);
    await flush();
    expect(shown.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    vi.advanceTimersByTime(10_000);
    await flush();
    expect(j.read).toHaveBeenCalledTimes(3);
  });

  it("stops when disposed", async () => {
    vi.useFakeTimers();
    const j = journal(1, 100);
    const onChange = vi.fn();
    const loader = new HistoryLoader(j.read, { pageSize: 100, onChange, onError: () => {} });
    loader.want(3);
    loader.dispose();
    await flush();
    vi.advanceTimersByTime(5000);
    await flush();
    expect(onChange).not.toHaveBeenCalled();
    expect(j.read).toHaveBeenCalledTimes(1);
  });
});
