import type { ConnectionState } from "../live/connection";

const LABELS: Record<ConnectionState["status"], string> = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/** The live connection's state, always visible: people must know whether what they see is live. */
export function ConnectionBadge({ state, onReconnect }: { state: ConnectionState; onReconnect?: () => void }) {
  const attempt = state.status === "reconnecting" && state.attempt > 0 ? ` (attempt ${state.attempt})` : "";
  return (
    <div className={`connection connection--${state.status}`} data-state={state.status} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">
        {LABELS[state.status]}
        {attempt}
      </span>
      {state.reason !== null && state.status !== "connected" && (
        <span className="connection__reason">{state.reason}</span>
      )}
      {state.status === "offline" && !state.authRejected && onReconnect !== undefined && (
        <button type="button" className="button button--small" onClick={onReconnect}>
          Reconnect
        </button>
      )}
    </div>
  );
}
