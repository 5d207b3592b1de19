/** Whether the live connection is up, and if not, whether it is coming back by itself. */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

export interface ConnectionState {
  /**
   * connecting: the first connection is being made; connected: live; reconnecting: the
   * connection was lost and is retried by itself; offline: no retry (closed, refused, gave up).
   */
  status: ConnectionStatus;
  /** The reconnection attempt under way, 0 when none. */
  attempt: number;
  /** Why the connection is not up, in words, or null while it is. */
  reason: string | null;
  /** The server refused the token: only a new token helps, retrying will not. */
  authRejected: boolean;
  /** The user the server accepted (from `connected`), once known. */
  userId: number | null;
}

export const INITIAL_STATE: ConnectionState = {
  status: "connecting",
  attempt: 0,
  reason: null,
  authRejected: false,
  userId: null,
};

// socket.io-client's disconnect reasons, said for people.
const REASONS: Record<string, string> = {
  "transport close": "the connection was lost",
  "transport error": "the connection failed",
  "ping timeout": "the server stopped answering",
  "parse error": "the server sent something unreadable",
  "io server disconnect": "the server closed the connection",
  "io client disconnect": "closed",
};

export function describeDisconnect(reason: string): string {
  return REASONS[reason] ?? reason;
}
