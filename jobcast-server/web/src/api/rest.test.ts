import { describe, expect, it, vi } from "vitest";
import { ApiError, JobsApi, snapshotOf } from "./rest";
import type { Job } from "./types";

function answering(status: number, body: string) {
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response(body, { status }));
}

const JOB: Job = {
  id: 4, type: "demo", runner: "demo", status: "running", progress: 35, message: "Drafting (35%)",
  stage: "Drafting", result: null, error: null, input: {}, created_at: "2026-11-27T09:00:00Z",
  updated_at: "2026-11-27T09:00:02Z", seq: 10,
};

describe("JobsApi", () => {
  it("sends the bearer token and the demo job's body", async () => {
    const fetch = answering(201, JSON.stringify(JOB));
    const job = await new JobsApi("tok", "http://h", fetch).createDemoJob({ topic: "x" });
    expect(job).toEqual(JOB);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("http://h/api/jobs");
    expect(init?.method).toBe("POST");
    expect((init?.headers as Record<string, string>)["Authorization"]).toBe("Bearer tok");
    expect(JSON.parse(String(init?.body))).toEqual({ type: "demo", input: { topic: "x" } });
  });

  it("asks for the journal after a seq", async () => {
    const fetch = answering(200, JSON.stringify({ job_id: 4, events: [{ seq: 3, type: "progress", timestamp: "t", payload: {} }] }));
    const events = await new JobsApi("tok", "", fetch).events(4, 2, 50);
    expect(fetch.mock.calls[0]![0]).toBe("/api/jobs/4/events?since=2&limit=50");
    expect(events.map((e) => e.seq)).toEqual([3]);
  });

  it("pages the job list with the cursor", async () => {
    const fetch = answering(200, JSON.stringify({ jobs: [], next_cursor: null }));
    await new JobsApi("tok", "", fetch).listJobs("c1", 5);
    expect(fetch.mock.calls[0]![0]).toBe("/api/jobs?limit=5&cursor=c1");
  });

  it("turns the API's error body into an ApiError", async () => {
    const fetch = answering(401, JSON.stringify({ error: "unauthorized", message: "expired: token expired" }));
    const failure = await new JobsApi("tok", "", fetch).getJob(4).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: "unauthorized", message: "expired: token expired", unauthorized: true });
  });

  it("survives an error page that is not JSON", async () => {
    const fetch = answering(502, "<html>bad gateway</html>");
    const failure = await new JobsApi("tok", "", fetch).cancelJob(4).catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 502, code: "error", message: "HTTP 502", unauthorized: false });
  });
});

describe("snapshotOf", () => {
  it("is the REST job as the live client knows jobs", () => {
    expect(snapshotOf(JOB)).toEqual({
      jobId: 4, seq: 10, status: "running", progress: 35, message: "Drafting (35%)", stage: "Drafting",
      result: null, error: null, updatedAt: "2026-11-27T09:00:02Z",
    });
  });
});
