import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LiveClientProvider } from "../hooks/LiveClientContext";
import { LiveClient } from "../live/client";
import { FakeSocket, progressUpdate } from "../test/fakeSocket";
import { JobProgressMonitor } from "./JobProgressMonitor";

function mount(jobId: number) {
  const socket = new FakeSocket();
  const client = new LiveClient(socket);
  render(
    <LiveClientProvider client={client}>
      <JobProgressMonitor jobId={jobId} />
    </LiveClientProvider>,
  );
  return socket;
}

describe("JobProgressMonitor", () => {
  it("says it is connecting, then waiting, then shows the job's bar, stage and message", () => {
    const socket = mount(8);
    expect(screen.getByText("Connecting to live updates…")).toBeTruthy();
    act(() => socket.accept());
    expect(screen.getByText("Waiting for job updates…")).toBeTruthy();
    act(() => socket.update(progressUpdate(8, 12, 45, "Drafting")));
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("45");
    expect(screen.getByText("Drafting")).toBeTruthy();
    expect(screen.getByText("Drafting (45%)")).toBeTruthy();
    expect(screen.getByText("running")).toBeTruthy();
  });

  it("marks the state as not live while reconnecting", () => {
    const socket = mount(8);
    act(() => socket.accept());
    act(() => socket.update(progressUpdate(8, 12, 45)));
    expect(screen.queryByText(/Not live/)).toBeNull();
    act(() => socket.drop());
    expect(screen.getByText(/Not live/)).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("45");
  });

  it("shows how the job ended", () => {
    const socket = mount(8);
    act(() => socket.accept());
    act(() =>
      socket.update({ ...progressUpdate(8, 13, 45), event: "failed", status: "failed", error: "interrupted by restart" }),
    );
    expect(screen.getByText("Failed: interrupted by restart")).toBeTruthy();
    act(() => socket.drop());
    expect(screen.queryByText(/Not live/)).toBeNull(); // a finished job cannot change any more
  });

  it("says why a job failed when only its status is known", async () => {
    const socket = mount(8);
    act(() => socket.accept());
    const join = socket.nextJoin();
    await act(async () => {
      join.answer({ job_id: 8, status: "failed", progress: 30, message: "Job failed: worker lost", seq: 9 });
      await Promise.resolve();
    });
    expect(screen.getByText("Job failed: worker lost")).toBeTruthy();
  });

  it("shows the completed job's summary at 100%", () => {
    const socket = mount(8);
    act(() => socket.accept());
    act(() =>
      socket.update({
        ...progressUpdate(8, 24, 100, "Polishing"),
        event: "completed",
        status: "completed",
        result: { summary: "Demo job 8 researched, drafted and polished its text" },
      }),
    );
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(screen.getByText("Completed: Demo job 8 researched, drafted and polished its text")).toBeTruthy();
  });
});
