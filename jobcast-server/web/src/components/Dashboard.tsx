import { useEffect, useState } from "react";
import type { JobsApi } from "../api/rest";
import { useConnectionState, useLiveClient } from "../hooks/LiveClientContext";
import { useJobs } from "../hooks/useJobs";
import { ConnectionBadge } from "./ConnectionBadge";
import { JobCard } from "./JobCard";
import { JobHistory } from "./JobHistory";

interface DashboardProps {
  api: JobsApi;
  /** "demo user" or "token": how this tab signed in. */
  signedInAs: string;
  onSignOut: () => void;
  onRejected: (reason: string) => void;
  onAccepted: () => void;
}

/** The signed-in page: the user's jobs with live progress, a job's history, the connection. */
export function Dashboard({ api, signedInAs, onSignOut, onRejected, onAccepted }: DashboardProps) {
  const client = useLiveClient();
  const connection = useConnectionState();
  const jobs = useJobs(api, onRejected);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    if (connection.authRejected) {
      onRejected(connection.reason ?? "token refused");
    } else if (connection.status === "connected") {
      onAccepted();
    }
  }, [connection.authRejected, connection.status, connection.reason, onRejected, onAccepted]);

  // Show the newest job's history until the person picks one.
  const shown = selected ?? jobs.jobs[0]?.id ?? null;

  const start = async () => {
    const job = await jobs.startDemo();
    if (job !== null) {
      setSelected(job.id);
    }
  };

  return (
    <div className="page">
      <header className="topbar">
        <h1 className="topbar__brand">
          jobcast <span className="topbar__sub">dashboard</span>
        </h1>
        <ConnectionBadge state={connection} onReconnect={() => client.reconnect()} />
        <span className="topbar__user">
          {connection.userId !== null ? `user ${connection.userId}` : ""} · {signedInAs}
        </span>
        <button type="button" className="button button--ghost button--small" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {jobs.error !== null && (
        <p className="alert alert--error notice" role="alert">
          {jobs.error}
        </p>
      )}
      <main className="columns">
        <section className="panel" aria-labelledby="jobs-title">
          <div className="panel__head">
            <h2 id="jobs-title" className="panel__title">
              Your jobs
            </h2>
            <button type="button" className="button" onClick={() => void start()} disabled={jobs.starting}>
              {jobs.starting ? "Starting…" : "Start demo job"}
            </button>
          </div>
          {jobs.loading ? (
            <p className="muted">Loading your jobs…</p>
          ) : jobs.jobs.length === 0 ? (
            <p className="empty">
              No jobs yet. Start a demo job and watch it go through Researching, Drafting and Polishing.
            </p>
          ) : (
            <ul className="job-list">
              {jobs.jobs.map((job) => (
                <JobCard
                  key={job.id}
                  job={job}
                  selected={job.id === shown}
                  onShowHistory={setSelected}
                  onCancel={(id) => void jobs.cancel(id)}
                  cancelling={jobs.cancelling.has(job.id)}
                />
              ))}
            </ul>
          )}
          {jobs.nextCursor !== null && (
            <button type="button" className="button button--ghost" onClick={() => void jobs.loadOlder()}>
              Show older jobs
            </button>
          )}
        </section>
        {shown !== null ? (
          <JobHistory key={shown} api={api} jobId={shown} />
        ) : (
          <section className="panel history">
            <h2 className="panel__title">History</h2>
            <p className="muted">A job's events appear here, one line per event of its journal.</p>
          </section>
        )}
      </main>
    </div>
  );
}
