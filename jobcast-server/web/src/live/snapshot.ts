import type { JobStatus, JobStatusName, JobUpdate } from "./protocol";

/**
 * What is known of a job at one point of its journal: the state after event `seq`.
 * Built from `job_update`s, `job_status` answers, or a REST read of the job.
 */
export interface JobSnapshot {
  jobId: number;
  seq: number;
  status: JobStatusName;
  progress: number;
  message: string | null;
  stage: string | null;
  /** Set once the job completed (null until then, or when it has none). */
  result: unknown;
  /** Set once the job failed. */
  error: string | null;
  /** When the last event happened (ISO-8601), when known. */
  updatedAt: string | null;
}

/** The state after an update: an update carries the whole state, absent fields are null. */
export function applyUpdate(previous: JobSnapshot | null, update: JobUpdate): JobSnapshot {
  return {
    jobId: update.job_id,
    seq: update.seq,
    status: update.status,
    progress: update.progress,
    message: update.message ?? null,
    stage: update.stage ?? null,
    // job_update names result and error only with the event that set them; keep them after.
    result: update.result !== undefined ? update.result : previous?.result ?? null,
    error: update.error ?? previous?.error ?? null,
    updatedAt: update.timestamp,
  };
}

/** The state a `job_status` describes; it has no result, error or time, so those are kept. */
export function applyStatus(previous: JobSnapshot | null, status: JobStatus): JobSnapshot {
  const sameEvent = previous !== null && previous.seq === status.seq;
  return {
    jobId: status.job_id,
    seq: status.seq,
    status: status.status,
    progress: status.progress,
    message: status.message,
    stage: status.stage ?? null,
    result: previous?.result ?? null,
    error: previous?.error ?? null,
    updatedAt: sameEvent ? previous.updatedAt : null,
  };
}
