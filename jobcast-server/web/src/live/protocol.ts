// The live contract of jobcast's Socket.IO endpoint, as docs/protocol.md describes it.
// Field names are the wire's (snake_case) so payloads need no mapping.

export type JobStatusName = "queued" | "running" | "completed" | "failed" | "cancelled";

/** The journal event that produced an update. */
export type JobEventName = "created" | "started" | "progress" | "completed" | "failed" | "cancelled";

const TERMINAL: ReadonlySet<JobStatusName> = new Set<JobStatusName>(["completed", "failed", "cancelled"]);

/** Completed, failed and cancelled are final: nothing follows them. */
export function isTerminal(status: JobStatusName): boolean {
  return TERMINAL.has(status);
}

/** `connected`: the server accepted the token. */
export interface Connected {
  message: string;
  user_id: number;
  timestamp: string;
}

/** `job_status`: the job's current state, the answer to `join_job`. */
export interface JobStatus {
  job_id: number;
  status: JobStatusName;
  progress: number;
  message: string | null;
  seq: number;
  stage?: string;
}

/** `job_update`: one persisted event of the job, with the job's state after it. */
export interface JobUpdate {
  job_id: number;
  seq: number;
  event: JobEventName;
  status: JobStatusName;
  progress: number;
  message?: string;
  stage?: string;
  result?: unknown;
  error?: string;
  timestamp: string;
}

export interface JobUnsubscribed {
  job_id: number;
  message: string;
}

export type LiveErrorCode =
  | "bad_request"
  | "not_found"
  | "conflict"
  | "unavailable"
  | "rate_limited"
  | "token_expired"
  | "invalid_token"
  | "internal";

/** `error`: bad input or a refused request; the connection stays up unless said otherwise. */
export interface LiveError {
  message: string;
  code: LiveErrorCode;
}

export interface JoinRequest {
  job_id: number;
  /** The last seq the client has: every event after it is replayed first. */
  since?: number;
}

export interface LeaveRequest {
  job_id: number;
}

/** What the acknowledgement of `join_job` carries. */
export type JoinAck = JobStatus | { error: LiveError };

export interface ServerToClientEvents {
  connected: (hello: Connected) => void;
  job_status: (status: JobStatus) => void;
  job_update: (update: JobUpdate) => void;
  job_unsubscribed: (bye: JobUnsubscribed) => void;
  error: (error: LiveError) => void;
}

export interface ClientToServerEvents {
  join_job: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
  leave_job: (request: LeaveRequest) => void;
}
