import { useEffect, useRef, useState } from "react";
import type { ConnectionState } from "../live/connection";
import type { JobUpdate, LiveError } from "../live/protocol";
import type { JobSnapshot } from "../live/snapshot";
import { useConnectionState, useLiveClient } from "./LiveClientContext";

export interface JobProgress {
  /** The job's state as far as it is known, or null before the first answer. */
  job: JobSnapshot | null;
  /** The last event delivered live (replays after a reconnect included), or null. */
  lastUpdate: JobUpdate | null;
  connection: ConnectionState;
  isConnected: boolean;
  /** The server refused to show this job (not found or not yours), or null. */
  error: LiveError | null;
}

/**
 * The live progress of one job (the seed's hook, made reliable): it shares the page's one
 * connection, survives reconnects without losing events (the client re-joins with the last
 * seq), and starts from `from` (e.g. the job as REST listed it) when given.
 */
export function useJobProgress(jobId: number | null, from?: JobSnapshot | null): JobProgress {
  const client = useLiveClient();
  const connection = useConnectionState();
  const [job, setJob] = useState<JobSnapshot | null>(() => (jobId === null ? null : client.snapshot(jobId) ?? from ?? null));
  const [lastUpdate, setLastUpdate] = useState<JobUpdate | null>(null);
  const [error, setError] = useState<LiveError | null>(null);
  // Read when the job changes, not a dependency: a new `from` object each render must not re-subscribe.
  const fromRef = useRef(from);
  fromRef.current = from;

  useEffect(() => {
    setError(null);
    setLastUpdate(null);
    if (jobId === null) {
      setJob(null);
      return undefined;
    }
    const from = fromRef.current?.jobId === jobId ? fromRef.current : null;
    setJob(client.snapshot(jobId) ?? from);
    return client.subscribe(
      jobId,
      { snapshot: setJob, update: setLastUpdate, error: setError },
      { from },
    );
  }, [client, jobId]);

  return { job, lastUpdate, connection, isConnected: connection.status === "connected", error };
}
