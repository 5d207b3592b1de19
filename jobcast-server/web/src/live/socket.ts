import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, JoinAck, JoinRequest, LeaveRequest, ServerToClientEvents } from "./protocol";

/** A refused or failed connection attempt, as socket.io-client reports it. */
export interface ConnectFailure {
  message: string;
  /** jobcast's reason code for a refused token (missing, expired, bad_signature, ...). */
  data?: { code?: string };
}

/** Everything the live client listens to: jobcast's events plus the connection's own. */
export interface SocketEvents extends ServerToClientEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (failure: ConnectFailure) => void;
  /** The connection manager starts reconnection attempt n (1, 2, ...). */
  reconnect_attempt: (attempt: number) => void;
  /** The manager gave up (only with a finite number of attempts). */
  reconnect_failed: () => void;
}

/**
 * The slice of a Socket.IO socket that the live client uses. socket.io-client's socket
 * is adapted to it by {@link openSocket}; tests drive a fake one.
 */
export interface LiveSocket {
  readonly connected: boolean;
  /** True while the socket (re)connects by itself; false once refused, kicked or closed. */
  readonly active: boolean;
  on<E extends keyof SocketEvents>(event: E, listener: SocketEvents[E]): void;
  /** join_job with an acknowledgement; rejects when none comes within timeoutMs. */
  join(request: JoinRequest, timeoutMs: number): Promise<JoinAck>;
  leave(request: LeaveRequest): void;
  connect(): void;
  close(): void;
}

export interface SocketOptions {
  /** Longest wait between reconnection attempts. */
  reconnectionDelayMaxMs?: number;
  /** Give up after this many attempts (default: never). */
  reconnectionAttempts?: number;
}

/** A socket.io-client socket for jobcast at `url`, not yet connected. */
export function openSocket(url: string, token: string, options: SocketOptions = {}): LiveSocket {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { token },
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: options.reconnectionDelayMaxMs ?? 5000,
    reconnectionAttempts: options.reconnectionAttempts ?? Infinity,
  });
  return {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active;
    },
    on(event, listener) {
      // The reconnection events belong to the manager, the others to the socket.
      if (event === "reconnect_attempt" || event === "reconnect_failed") {
        socket.io.on(event, listener as SocketEvents["reconnect_attempt"]);
      } else {
        (socket.on as (name: string, fn: (...args: never[]) => void) => void)(event, listener);
      }
    },
    join(request, timeoutMs) {
      return socket.timeout(timeoutMs).emitWithAck("join_job", request);
    },
    leave(request) {
      socket.emit("leave_job", request);
    },
    connect() {
      socket.connect();
    },
    close() {
      socket.disconnect();
    },
  };
}
