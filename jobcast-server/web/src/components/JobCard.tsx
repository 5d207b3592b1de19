import { useMemo } from "react";
import { snapshotOf } from "../api/rest";
import type { Job } from "../api/types";
import { useJobProgress } from "../hooks/useJobProgress";
import { isTerminal } from "../live/protocol";
import { JobProgressView } from "./JobProgressView";
import { clock } from "./time";

interface JobCardProps {
  job: Job;
  selected: boolean;
  onShowHistory: (id: number) => void;
  onCancel: (id: number) => void;
  cancelling: boolean;
}

/** A job of the list: its live progress (continuing from the REST read) and what can be done with it. */
export function JobCard({ job, selected, onShowHistory, onCancel, cancelling }: JobCardProps) {
  const from = useMemo(() => snapshotOf(job), [job]);
  const progress = useJobProgress(job.id, from);
  const status = progress.job?.status ?? job.status;
  return (
    <li
      className={`job-card${selected ? " job-card--selected" : ""}`}
      data-job-id={job.id}
      data-status={status}
      // The last event that came as a job_update (live or replayed), for tests and debugging.
      data-last-event={progress.lastUpdate?.event}
      data-last-update-seq={progress.lastUpdate?.seq}
    >
      <div className="job-card__head">
        <h3 className="job-card__title">Job #{job.id}</h3>
        <span className="muted" title={job.created_at}>
          {job.type} · created {clock(job.created_at, false)}
        </span>
        <span className="job-card__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            aria-pressed={selected}
            onClick={() => onShowHistory(job.id)}
          >
            History
          </button>
          {!isTerminal(status) && (
            <button
              type="button"
              className="button button--danger button--small"
              disabled={cancelling}
              onClick={() => onCancel(job.id)}
            >
              {cancelling ? "Cancelling…" : "Cancel"}
            </button>
          )}
        </span>
      </div>
      <JobProgressView progress={progress} />
    </li>
  );
}
