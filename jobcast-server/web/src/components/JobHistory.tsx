import type { JobsApi } from "../api/rest";
import type { JournalEvent } from "../api/types";
import { useJobProgress } from "../hooks/useJobProgress";
import { useJobHistory } from "../history/useJobHistory";
import { clock } from "./time";

/** A job's audit timeline: every journal event, in order, growing as the job runs. */
export function JobHistory({ api, jobId }: { api: JobsApi; jobId: number }) {
  const live = useJobProgress(jobId);
  const history = useJobHistory(api, jobId, live.job?.seq ?? 0);
  return (
    <section className="panel history" data-job-id={jobId} aria-labelledby="history-title">
      <h2 id="history-title" className="panel__title">
        History of job #{jobId}
      </h2>
      {/* While disconnected the connection badge already says why reads fail. */}
      {history.error !== null && live.isConnected && (
        <p className="alert alert--error">Cannot read the history: {history.error}</p>
      )}
      {history.loading ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="timeline">
          {history.events.map((event) => (
            <li key={event.seq} className={`timeline__item timeline__item--${event.type}`} data-seq={event.seq} data-type={event.type}>
              <span className="timeline__seq">#{event.seq}</span>
              <span className="timeline__type">{event.type}</span>
              <time className="timeline__time" dateTime={event.timestamp} title={event.timestamp}>
                {clock(event.timestamp)}
              </time>
              <span className="timeline__detail">{detail(event)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What an event says beyond its type, in a few words. */
function detail(event: JournalEvent): string {
  const p = event.payload;
  switch (event.type) {
    case "created":
      return `${text(p["type"])} job, runner ${text(p["runner"])}`;
    case "progress":
      return [text(p["stage"]), `${text(p["progress"])}%`].filter((s) => s !== "").join(" · ");
    case "failed":
      return text(p["error"]);
    case "completed": {
      const result = p["result"];
      const summary = typeof result === "object" && result !== null ? (result as Record<string, unknown>)["summary"] : null;
      return typeof summary === "string" ? summary : "";
    }
    default:
      return "";
  }
}

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}
