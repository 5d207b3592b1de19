import { useEffect, useRef, useState } from "react";
import { MAX_EVENTS_PAGE, type JobsApi } from "../api/rest";
import type { JournalEvent } from "../api/types";
import { HistoryLoader } from "./historyLoader";

export interface JobHistory {
  events: readonly JournalEvent[];
  /** The last read failed (it is retried); null once a read works. */
  error: string | null;
  loading: boolean;
}

/** The journal of a job, kept up to `liveSeq` (the newest seq the live stream showed). */
export function useJobHistory(api: JobsApi, jobId: number, liveSeq: number): JobHistory {
  const [history, setHistory] = useState<JobHistory>({ events: [], error: null, loading: true });
  const loader = useRef<HistoryLoader | null>(null);

  useEffect(() => {
    setHistory({ events: [], error: null, loading: true });
    const current = new HistoryLoader((since) => api.events(jobId, since, MAX_EVENTS_PAGE), {
      pageSize: MAX_EVENTS_PAGE,
      onChange: (events) => setHistory({ events, error: null, loading: false }),
      onError: (error) =>
        setHistory((h) => ({ ...h, loading: false, error: error instanceof Error ? error.message : String(error) })),
    });
    loader.current = current;
    current.want(0);
    return () => {
      current.dispose();
      loader.current = null;
    };
  }, [api, jobId]);

  useEffect(() => {
    loader.current?.want(liveSeq);
  }, [liveSeq]);

  return history;
}
