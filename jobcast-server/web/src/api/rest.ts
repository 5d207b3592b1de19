import type { JobSnapshot } from "../live/snapshot";
import type { ApiErrorBody, Job, JobList, JournalEvent, JournalPage } from "./types";

/** A refused or failed API call, with the API's own error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The token is missing, expired or refused: a new one is needed. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

/** The largest page of the journal the API hands out. */
export const MAX_EVENTS_PAGE = 1000;

/** jobcast's REST API for one signed-in user (same origin as the dashboard by default). */
export class JobsApi {
  constructor(
    private readonly token: string,
    private readonly baseUrl = "",
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  createDemoJob(input: Record<string, unknown> = {}): Promise<Job> {
    return this.call<Job>("POST", "/api/jobs", { type: "demo", input });
  }

  listJobs(cursor: string | null = null, limit = 20): Promise<JobList> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) {
      query.set("cursor", cursor);
    }
    return this.call<JobList>("GET", `/api/jobs?${query}`);
  }

  getJob(id: number): Promise<Job> {
    return this.call<Job>("GET", `/api/jobs/${id}`);
  }

  cancelJob(id: number): Promise<Job> {
    return this.call<Job>("POST", `/api/jobs/${id}/cancel`);
  }

  /** The journal after `since`, one page of at most `limit` events, in order. */
  async events(id: number, since = 0, limit = MAX_EVENTS_PAGE): Promise<JournalEvent[]> {
    const page = await this.call<JournalPage>("GET", `/api/jobs/${id}/events?since=${since}&limit=${limit}`);
    return page.events;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const response = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = parseJson(await response.text());
    if (!response.ok) {
      const error = json as Partial<ApiErrorBody> | null;
      throw new ApiError(response.status, error?.error ?? "error", error?.message ?? `HTTP ${response.status}`);
    }
    return json as T;
  }
}

/** A REST read of a job as a live snapshot, so the live stream can continue from it. */
export function snapshotOf(job: Job): JobSnapshot {
  return {
    jobId: job.id,
    seq: job.seq,
    status: job.status,
    progress: job.progress,
    message: job.message,
    stage: job.stage,
    result: job.result,
    error: job.error,
    updatedAt: job.updated_at,
  };
}

// A proxy or a server without the API may answer with HTML: that is no body to read.
function parseJson(text: string): unknown {
  if (text === "") {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
