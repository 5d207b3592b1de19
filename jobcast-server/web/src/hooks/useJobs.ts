import { useCallback, useEffect, useState } from "react";
import { ApiError, type JobsApi } from "../api/rest";
import type { Job } from "../api/types";

export interface JobsState {
  jobs: Job[];
  nextCursor: string | null;
  loading: boolean;
  starting: boolean;
  cancelling: ReadonlySet<number>;
  /** The last failed action, said for people; null after the next success. */
  error: string | null;
}

export interface JobsControls extends JobsState {
  startDemo: () => Promise<Job | null>;
  cancel: (id: number) => Promise<void>;
  loadOlder: () => Promise<void>;
}

/**
 * The signed-in user's jobs, newest first, as REST lists them; live progress comes on top
 * from the socket. `onUnauthorized` hears of a refused token.
 */
export function useJobs(api: JobsApi, onUnauthorized: (reason: string) => void): JobsControls {
  const [state, setState] = useState<JobsState>({
    jobs: [],
    nextCursor: null,
    loading: true,
    starting: false,
    cancelling: new Set(),
    error: null,
  });

  const failed = useCallback(
    (what: string, e: unknown) => {
      if (e instanceof ApiError && e.unauthorized) {
        onUnauthorized(e.message);
      }
      const message = e instanceof Error ? e.message : String(e);
      setState((s) => ({ ...s, error: `${what}: ${message}` }));
    },
    [onUnauthorized],
  );

  useEffect(() => {
    let current = true;
    api.listJobs().then(
      (page) => current && setState((s) => ({ ...s, jobs: page.jobs, nextCursor: page.next_cursor, loading: false, error: null })),
      (e: unknown) => {
        if (current) {
          setState((s) => ({ ...s, loading: false }));
          failed("Cannot list your jobs", e);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [api, failed]);

  const startDemo = useCallback(async () => {
    setState((s) => ({ ...s, starting: true }));
    try {
      const job = await api.createDemoJob({ topic: "dashboard" });
      setState((s) => ({ ...s, starting: false, error: null, jobs: [job, ...s.jobs.filter((j) => j.id !== job.id)] }));
      return job;
    } catch (e) {
      setState((s) => ({ ...s, starting: false }));
      failed("Cannot start a demo job", e);
      return null;
    }
  }, [api, failed]);

  const cancel = useCallback(
    async (id: number) => {
      setState((s) => ({ ...s, cancelling: new Set([...s.cancelling, id]) }));
      try {
        await api.cancelJob(id);
        // The card shows the cancellation as the live stream delivers it.
        setState((s) => ({ ...s, error: null }));
      } catch (e) {
        failed(`Cannot cancel job ${id}`, e);
      } finally {
        setState((s) => ({ ...s, cancelling: new Set([...s.cancelling].filter((c) => c !== id)) }));
      }
    },
    [api, failed],
  );

  const loadOlder = useCallback(async () => {
    if (state.nextCursor === null) {
      return;
    }
    try {
      const page = await api.listJobs(state.nextCursor);
      setState((s) => {
        const known = new Set(s.jobs.map((j) => j.id));
        return { ...s, jobs: [...s.jobs, ...page.jobs.filter((j) => !known.has(j.id))], nextCursor: page.next_cursor, error: null };
      });
    } catch (e) {
      failed("Cannot list older jobs", e);
    }
  }, [api, failed, state.nextCursor]);

  return { ...state, startDemo, cancel, loadOlder };
}
