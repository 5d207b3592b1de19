import { useJobProgress } from "../hooks/useJobProgress";
import type { JobSnapshot } from "../live/snapshot";
import { JobProgressView } from "./JobProgressView";

interface JobProgressMonitorProps {
  jobId: number;
  /** What is already known of the job (a REST read), so the live stream continues from it. */
  from?: JobSnapshot | null;
}

/** The seed's monitor: one job's live progress, for any page that has a job id. */
export function JobProgressMonitor({ jobId, from }: JobProgressMonitorProps) {
  const progress = useJobProgress(jobId, from);
  return <JobProgressView progress={progress} />;
}
