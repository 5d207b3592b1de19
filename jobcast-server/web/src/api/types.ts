import type { JobEventName, JobStatusName } from "../live/protocol";

/** A job as GET /api/jobs/{id} shows it (openapi.json's Job): every field present, null when empty. */
export interface Job {
  id: number;
  type: string;
  runner: string;
  status: JobStatusName;
  progress: number;
  message: string | null;
  stage: string | null;
  result: unknown;
  error: string | null;
  input: unknown;
  created_at: string;
  updated_at: string;
  seq: number;
}

export interface JobList {
  jobs: Job[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

/** One entry of a job's journal (GET /api/jobs/{id}/events). */
export interface JournalEvent {
  seq: number;
  type: JobEventName;
  timestamp: string;
  /** The event's own fields: progress/message/stage, result, error, or type/runner/input. */
  payload: Record<string, unknown>;
}

export interface JournalPage {
  job_id: number;
  events: JournalEvent[];
}

/** Every error response of the API. */
export interface ApiErrorBody {
  error: string;
  message: string;
}
