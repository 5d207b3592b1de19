import type { JobStatus, JobUpdate, JoinAck, JoinRequest, LeaveRequest, LiveError } from "../live/protocol";
import type { ConnectFailure, LiveSocket, SocketEvents } from "../live/socket";

/** A join_job the client sent, waiting for the test to answer it (or not). */
export interface PendingJoin {
  request: JoinRequest;
  answer: (ack: JoinAck) => void;
  timeOut: () => void;
}

type Listeners = { [E in keyof SocketEvents]?: SocketEvents[E][] };

/**
 * A socket the tests play the server and the network with: what the client emits is
 * recorded, and every server event, drop, refusal and reconnection is a method call.
 * It behaves like socket.io-client where the client relies on it: `connected` and
 * `active` follow the connection's life, and emits while disconnected go nowhere.
 */
export class FakeSocket implements LiveSocket {
  connected = false;
  active = false;
  readonly joins: PendingJoin[] = [];
  readonly leaves: LeaveRequest[] = [];
  connectCalls = 0;
  closeCalls = 0;
  private readonly listeners: Listeners = {};

  on<E extends keyof SocketEvents>(event: E, listener: SocketEvents[E]): void {
    const list = (this.listeners[event] ??= []) as SocketEvents[E][];
    list.push(listener);
  }

  join(request: JoinRequest, _timeoutMs: number): Promise<JoinAck> {
    if (!this.connected) {
      throw new Error("the client joined while disconnected");
    }
    return new Promise((resolve, reject) => {
      this.joins.push({ request, answer: resolve, timeOut: () => reject(new Error("operation has timed out")) });
    });
  }

  leave(request: LeaveRequest): void {
    if (!this.connected) {
      throw new Error("the client left while disconnected");
    }
    this.leaves.push(request);
  }

  connect(): void {
    this.connectCalls += 1;
    this.active = true;
  }

  close(): void {
    this.closeCalls += 1;
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) {
      this.fire("disconnect", "io client disconnect");
    }
  }

  // ---- the server and the network ---------------------------------------------------------

  /** The (re)connection succeeds; the server greets the user as jobcast does. */
  accept(userId = 7): void {
    this.connected = true;
    this.active = true;
    this.fire("connect");
    this.fire("connected", { message: "Connected to jobcast", user_id: userId, timestamp: "2026-11-27T09:00:00Z" });
  }

  /** The connection breaks (server restart, network): socket.io-client reconnects by itself. */
  drop(reason = "transport close"): void {
    this.connected = false;
    this.fire("disconnect", reason);
  }

  /** The server disconnects the socket on purpose: no automatic reconnection. */
  kick(): void {
    this.connected = false;
    this.active = false;
    this.fire("disconnect", "io server disconnect");
  }

  /** A connection attempt fails while the server is unreachable. */
  unreachable(attempt: number): void {
    this.fire("reconnect_attempt", attempt);
    this.fire("connect_error", { message: "xhr poll error" });
  }

  /** The server refuses the token (CONNECT_ERROR): socket.io-client stops trying. */
  refuse(failure: ConnectFailure): void {
    this.connected = false;
    this.active = false;
    this.fire("connect_error", failure);
  }

  status(status: JobStatus): void {
    this.fire("job_status", status);
  }

  update(update: JobUpdate): void {
    this.fire("job_update", update);
  }

  error(error: LiveError): void {
    this.fire("error", error);
  }

  /** The oldest unanswered join, removed from the queue. */
  nextJoin(): PendingJoin {
    const join = this.joins.shift();
    if (join === undefined) {
      throw new Error("the client sent no join_job");
    }
    return join;
  }

  private fire<E extends keyof SocketEvents>(event: E, ...args: Parameters<SocketEvents[E]>): void {
    for (const listener of [...((this.listeners[event] ?? []) as SocketEvents[E][])]) {
      (listener as (...a: Parameters<SocketEvents[E]>) => void)(...args);
    }
  }
}

/** A job_update of job `jobId` at `seq`, running, with `progress`. */
export function progressUpdate(jobId: number, seq: number, progress: number, stage = "Drafting"): JobUpdate {
  return {
    job_id: jobId,
    seq,
    event: "progress",
    status: "running",
    progress,
    message: `${stage} (${progress}%)`,
    stage,
    timestamp: `2026-11-27T09:00:${String(seq).padStart(2, "0")}.000Z`,
  };
}

export function jobStatus(jobId: number, seq: number, progress: number, status: JobStatus["status"] = "running"): JobStatus {
  return { job_id: jobId, status, progress, message: `${progress}%`, seq, stage: "Drafting" };
}
