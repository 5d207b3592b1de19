import type { JobProgress } from "../hooks/useJobProgress";
import { isTerminal } from "../live/protocol";
import { ProgressBar } from "./ProgressBar";
import { StatusChip } from "./StatusChip";

/** One job's live state: status, stage, bar, message, and how it ended. */
export function JobProgressView({ progress }: { progress: JobProgress }) {
  const { job, connection, error } = progress;
  if (job === null) {
    if (error !== null) {
      return <p className="alert alert--error">{error.message}</p>;
    }
    return (
      <p className="muted">
        {connection.status === "connected" ? "Waiting for job updates…" : "Connecting to live updates…"}
      </p>
    );
  }
  const terminal = isTerminal(job.status);
  return (
    <div className="progress" data-seq={job.seq}>
      <div className="progress__head">
        <StatusChip status={job.status} />
        <span className="progress__stage">{job.stage ?? ""}</span>
        <span className="progress__percent">{job.progress}%</span>
      </div>
      <ProgressBar value={job.progress} status={job.status} label={`Job ${job.jobId} progress`} />
      {job.message !== null && !terminal && <p className="progress__message">{job.message}</p>}
      {job.status === "completed" && (
        <p className="alert alert--ok">Completed{summary(job.result) ? `: ${summary(job.result)}` : ""}</p>
      )}
      {job.status === "failed" && (
        <p className="alert alert--error">
          {/* Without the event itself (a status answer) the message says it: "Job failed: ...". */}
          {job.error !== null ? `Failed: ${job.error}` : job.message ?? "Failed"}
        </p>
      )}
      {job.status === "cancelled" && <p className="alert">Cancelled</p>}
      {!terminal && connection.status !== "connected" && (
        <p className="progress__stale">Not live: updates resume where they stopped once reconnected.</p>
      )}
    </div>
  );
}

/** A result's one-line summary when it has one (the demo runner's does). */
function summary(result: unknown): string | null {
  if (typeof result === "object" && result !== null && "summary" in result) {
    const text = (result as { summary: unknown }).summary;
    return typeof text === "string" ? text : null;
  }
  return null;
}
