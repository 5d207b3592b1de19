import { describeDisconnect, INITIAL_STATE, type ConnectionState } from "./connection";
import type { JobStatus, JobUpdate, JoinRequest, LiveError } from "./protocol";
import { applyStatus, applyUpdate, type JobSnapshot } from "./snapshot";
import type { ConnectFailure, LiveSocket } from "./socket";

/** What a subscriber of one job hears. Every callback is optional. */
export interface JobListener {
  /** The job's state changed (also called at once with the state known so far). */
  snapshot?: (snapshot: JobSnapshot) => void;
  /** A new event of the job, in journal order, never one already delivered. */
  update?: (update: JobUpdate) => void;
  /** The server refused the subscription (not_found, bad_request, ...). */
  error?: (error: LiveError) => void;
}

export interface SubscribeOptions {
  /**
   * What the caller already knows of the job (e.g. a REST read): the first join then asks
   * only for the events after it, so nothing between that read and the live stream is lost.
   */
  from?: JobSnapshot | null;
}

export interface LiveClientOptions {
  /** How long to wait for the acknowledgement of join_job before trying again. */
  ackTimeoutMs?: number;
  /** Pause before joining again when the server was busy (unavailable) or did not answer. */
  retryDelayMs?: number;
}

interface Subscription {
  readonly jobId: number;
  /** The seq of the last event applied: the `since` of every re-join. */
  lastSeq: number;
  snapshot: JobSnapshot | null;
  readonly listeners: Set<JobListener>;
  /** Counts joins, so that the answer of a join superseded by a newer one is ignored. */
  joins: number;
  retry: ReturnType<typeof setTimeout> | null;
}

/**
 * jobcast's live updates for a browser or any other client: one connection, any number of
 * job subscriptions on it, and the guarantees the seed's hook lacked:
 * - after every reconnect (a dropped network, a server restart) each job is joined again
 *   with `since` = the last seq applied, so the server replays whatever happened meanwhile;
 * - an update whose seq is not above the last one applied is dropped, so replays and
 *   overlapping deliveries never show an event twice or go backwards;
 * - the connection's state (connecting, connected, reconnecting, offline) is observable.
 */
export class LiveClient {
  private readonly subscriptions = new Map<number, Subscription>();
  private readonly stateListeners = new Set<() => void>();
  private readonly ackTimeoutMs: number;
  private readonly retryDelayMs: number;
  private current: ConnectionState = INITIAL_STATE;
  private everConnected = false;
  private closed = false;
  // The server says why before it disconnects (an expired token): kept for the disconnect.
  private announced: { reason: string; authRejected: boolean } | null = null;

  constructor(
    private readonly socket: LiveSocket,
    options: LiveClientOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 2_000;
    socket.on("connect", () => this.onConnect());
    socket.on("disconnect", (reason) => this.onDisconnect(reason));
    socket.on("connect_error", (failure) => this.onConnectError(failure));
    socket.on("reconnect_attempt", (attempt) =>
      this.setState({ status: this.everConnected ? "reconnecting" : "connecting", attempt }),
    );
    socket.on("reconnect_failed", () =>
      this.setState({ status: "offline", attempt: 0, reason: "the server could not be reached; gave up" }),
    );
    socket.on("connected", (hello) => this.setState({ userId: hello.user_id }));
    socket.on("job_status", (status) => this.onStatus(status));
    socket.on("job_update", (update) => this.onUpdate(update));
    socket.on("error", (error) => this.onServerError(error));
    socket.connect();
  }

  /** The connection's state now (the same object until it changes). */
  readonly getState = (): ConnectionState => this.current;

  /** Calls `listener` after every change of the connection's state; returns the unsubscribe. */
  readonly onStateChange = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  };

  /**
   * Watches a job. Subscribers of the same job share one server subscription. Returns the
   * function that ends this subscription (the last one out leaves the job's room).
   */
  subscribe(jobId: number, listener: JobListener, options: SubscribeOptions = {}): () => void {
    let sub = this.subscriptions.get(jobId);
    if (sub === undefined) {
      const from = options.from?.jobId === jobId ? options.from : null;
      sub = { jobId, lastSeq: from?.seq ?? 0, snapshot: from, listeners: new Set(), joins: 0, retry: null };
      this.subscriptions.set(jobId, sub);
      this.join(sub);
    }
    sub.listeners.add(listener);
    if (sub.snapshot !== null) {
      listener.snapshot?.(sub.snapshot);
    }
    const joined = sub;
    return () => this.unsubscribe(joined, listener);
  }

  /** The state known of a watched job, or null. */
  snapshot(jobId: number): JobSnapshot | null {
    return this.subscriptions.get(jobId)?.snapshot ?? null;
  }

  /** The seq of the last event applied for a watched job (0 when none yet). */
  lastSeq(jobId: number): number {
    return this.subscriptions.get(jobId)?.lastSeq ?? 0;
  }

  /** Connects again after the client went offline (a refusal, a kick, or giving up). */
  reconnect(): void {
    if (this.closed || this.socket.connected || this.socket.active) {
      return;
    }
    this.announced = null;
    this.setState({ status: this.everConnected ? "reconnecting" : "connecting", attempt: 0, authRejected: false });
    this.socket.connect();
  }

  /** Ends the connection for good; the client cannot be used afterwards. */
  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const sub of this.subscriptions.values()) {
      this.cancelRetry(sub);
    }
    this.subscriptions.clear();
    this.socket.close();
    this.setState({ status: "offline", attempt: 0, reason: "closed" });
  }

  private onConnect(): void {
    this.everConnected = true;
    this.announced = null;
    this.setState({ status: "connected", attempt: 0, reason: null, authRejected: false });
    // Every (re)connection starts without rooms on a restarted server, and even a recovered
    // session may have missed events the journal has: join every job again from its last seq.
    for (const sub of this.subscriptions.values()) {
      this.join(sub);
    }
  }

  private onDisconnect(reason: string): void {
    for (const sub of this.subscriptions.values()) {
      this.cancelRetry(sub);
      sub.joins += 1; // an answer still on its way belongs to the old connection
    }
    if (this.closed) {
      return;
    }
    if (this.socket.active) {
      this.setState({ status: "reconnecting", attempt: 0, reason: describeDisconnect(reason) });
    } else {
      this.setState({
        status: "offline",
        attempt: 0,
        reason: this.announced?.reason ?? describeDisconnect(reason),
        authRejected: this.announced?.authRejected ?? false,
      });
    }
  }

  private onConnectError(failure: ConnectFailure): void {
    if (this.closed) {
      return;
    }
    if (this.socket.active) {
      // The server is down or unreachable: socket.io tries again by itself.
      this.setState({
        status: this.everConnected ? "reconnecting" : "connecting",
        reason: "cannot reach the server",
      });
    } else {
      // The server answered and refused the token (CONNECT_ERROR): no retry would help.
      this.setState({ status: "offline", attempt: 0, reason: failure.message, authRejected: true });
    }
  }

  private onServerError(error: LiveError): void {
    // Join errors come back through the join's acknowledgement too; only these two matter here.
    if (error.code === "token_expired") {
      this.announced = { reason: error.message, authRejected: true };
    } else if (error.code === "rate_limited") {
      this.announced = { reason: error.message, authRejected: false };
    }
  }

  private join(sub: Subscription): void {
    this.cancelRetry(sub);
    if (this.closed || !this.socket.connected) {
      return; // onConnect joins it
    }
    const attempt = ++sub.joins;
    const request: JoinRequest = sub.lastSeq > 0 ? { job_id: sub.jobId, since: sub.lastSeq } : { job_id: sub.jobId };
    this.socket.join(request, this.ackTimeoutMs).then(
      (answer) => {
        if (!this.isCurrent(sub, attempt)) {
          return;
        }
        if ("error" in answer) {
          this.onJoinRefused(sub, answer.error);
        } else {
          this.onStatus(answer);
        }
      },
      () => {
        // No answer in time while still connected: the server was busy, ask again.
        if (this.isCurrent(sub, attempt) && this.socket.connected) {
          this.retryLater(sub);
        }
      },
    );
  }

  private onJoinRefused(sub: Subscription, error: LiveError): void {
    if (error.code === "unavailable") {
      this.retryLater(sub);
      return;
    }
    for (const listener of [...sub.listeners]) {
      listener.error?.(error);
    }
  }

  private onStatus(status: JobStatus): void {
    const sub = this.subscriptions.get(status.job_id);
    // A status older than what was applied describes the past (it raced a newer update).
    if (sub === undefined || status.seq < sub.lastSeq) {
      return;
    }
    const next = applyStatus(sub.snapshot, status);
    const changed = sub.snapshot === null || !sameState(sub.snapshot, next);
    sub.lastSeq = status.seq;
    sub.snapshot = next;
    if (changed) {
      for (const listener of [...sub.listeners]) {
        listener.snapshot?.(next);
      }
    }
  }

  private onUpdate(update: JobUpdate): void {
    const sub = this.subscriptions.get(update.job_id);
    if (sub === undefined || update.seq <= sub.lastSeq) {
      return; // not watched (any more), or already applied: replays overlap live delivery
    }
    sub.lastSeq = update.seq;
    sub.snapshot = applyUpdate(sub.snapshot, update);
    const snapshot = sub.snapshot;
    for (const listener of [...sub.listeners]) {
      listener.update?.(update);
      listener.snapshot?.(snapshot);
    }
  }

  private unsubscribe(sub: Subscription, listener: JobListener): void {
    if (!sub.listeners.delete(listener) || sub.listeners.size > 0) {
      return;
    }
    if (this.subscriptions.get(sub.jobId) === sub) {
      this.subscriptions.delete(sub.jobId);
    }
    this.cancelRetry(sub);
    sub.joins += 1;
    if (!this.closed && this.socket.connected) {
      this.socket.leave({ job_id: sub.jobId });
    }
  }

  private retryLater(sub: Subscription): void {
    this.cancelRetry(sub);
    sub.retry = setTimeout(() => {
      sub.retry = null;
      if (this.subscriptions.get(sub.jobId) === sub) {
        this.join(sub);
      }
    }, this.retryDelayMs);
  }

  private cancelRetry(sub: Subscription): void {
    if (sub.retry !== null) {
      clearTimeout(sub.retry);
      sub.retry = null;
    }
  }

  private isCurrent(sub: Subscription, attempt: number): boolean {
    return !this.closed && this.subscriptions.get(sub.jobId) === sub && sub.joins === attempt;
  }

  private setState(change: Partial<ConnectionState>): void {
    const next = { ...this.current, ...change };
    if (sameConnection(this.current, next)) {
      return;
    }
    this.current = next;
    for (const listener of [...this.stateListeners]) {
      listener();
    }
  }
}

function sameState(a: JobSnapshot, b: JobSnapshot): boolean {
  return (
    a.seq === b.seq &&
    a.status === b.status &&
    a.progress === b.progress &&
    a.message === b.message &&
    a.stage === b.stage &&
    a.updatedAt === b.updatedAt
  );
}

function sameConnection(a: ConnectionState, b: ConnectionState): boolean {
  return (
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.reason === b.reason &&
    a.authRejected === b.authRejected &&
    a.userId === b.userId
  );
}
