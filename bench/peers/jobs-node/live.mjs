// The Socket.IO side of the contract: watchers on the default namespace (join_job with
// replay, leave_job), workers on /workers (report, acknowledged once persisted).
import { AuthError, verifyToken } from "./auth.mjs";
import { fold, isJobId, itemRefused, jobStatus, jobUpdate, Refusal } from "./jobs.mjs";
import * as store from "./store.mjs";

const room = (jobId) => `job_${jobId}`;

/** A CONNECT refusal: CONNECT_ERROR with this message and data {code}. */
function connectError(message, code) {
  const e = new Error(message);
  e.data = { code };
  return e;
}

function refuseConnect(e, next) {
  if (e instanceof AuthError) return next(connectError(`Authentication failed: ${e.message}`, e.reason));
  if (store.isDatabaseError(e)) return next(connectError("the database is unavailable; retry later", "unavailable"));
  console.error("jobs-node: unexpected failure on connect", e);
  return next(connectError("internal error", "internal"));
}

function wrongRole(namespace, role, caller) {
  return connectError(`this namespace is for ${namespace} (role ${role}); the token's role is ${caller.role}`,
    "forbidden");
}

/** Sends `error` {message, code} and, when the client asked for an ack, {error: {message, code}}. */
function fail(socket, ack, code, message) {
  const body = { message, code };
  socket.emit("error", body);
  if (ack) ack({ error: body });
}

/** {job_id, since?} of join_job / leave_job; throws a Refusal. */
function joinRequest(body) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Refusal("bad_request", 'expected an object like {"job_id": 123}');
  }
  if (!isJobId(body.job_id)) throw new Refusal("bad_request", "job_id must be a positive integer below 2^53");
  const since = body.since ?? null;
  if (since !== null && !(Number.isSafeInteger(since) && since >= 0)) {
    throw new Refusal("bad_request", "since must be a non-negative integer (the last seq you have)");
  }
  return { jobId: body.job_id, since };
}

/** The event's payload and its ack callback, whichever arguments the client sent. */
function split(args) {
  const ack = typeof args.at(-1) === "function" ? args.pop() : null;
  return [args[0], ack];
}

export function installLive(io, { pool, order, secret, maxInFlight }) {
  // Sockets in the middle of a join, per job. Such a socket is not in the job's room yet:
  // its live updates for the job go to its hold (socket.data.holds: job id -> hold) until
  // the replay has been sent and every update the replay covered has been broadcast.
  const joining = new Map();

  function broadcast(update) {
    io.to(room(update.job_id)).emit("job_update", update);
    const sockets = joining.get(update.job_id);
    if (!sockets) return;
    for (const socket of [...sockets]) {
      const hold = socket.data.holds.get(update.job_id);
      hold.updates.push(update);
      if (hold.release && update.seq >= hold.upTo) hold.release();
    }
  }

  function startHolding(socket, jobId) {
    const hold = { updates: [], upTo: null, release: null };
    socket.data.holds.set(jobId, hold);
    if (!joining.has(jobId)) joining.set(jobId, new Set());
    joining.get(jobId).add(socket);
    return hold;
  }

  function stopHolding(socket, jobId) {
    socket.data.holds.delete(jobId);
    const sockets = joining.get(jobId);
    sockets?.delete(socket);
    if (sockets?.size === 0) joining.delete(jobId);
  }

  /**
   * The end of a join: the socket goes into the room and gets what was held after `upTo`
   * (the seq its replay or job_status covered), all at once, so nothing slips in between.
   * Not before every update up to `upTo` has been broadcast, though: one committed before
   * the replay's read may still be on its way (see order.mjs), and would come twice.
   */
  function release(socket, jobId, hold, upTo) {
    hold.upTo = upTo;
    hold.release = () => {
      stopHolding(socket, jobId);
      socket.join(room(jobId));
      for (const u of hold.updates) if (u.seq > upTo) socket.emit("job_update", u);
    };
    if (order.sentUpTo(jobId) >= upTo) hold.release();
  }

  // ---- Default namespace: watchers (role user) ----

  io.use(async (socket, next) => {
    try {
      const caller = verifyToken(socket.handshake.auth?.token, secret);
      if (caller.role !== "user") return next(wrongRole("users", "user", caller));
      const user = await store.findUser(pool, caller.userId);
      if (!user) throw new AuthError("unknown_user", `user ${caller.userId} does not exist`);
      if (!user.enabled) throw new AuthError("disabled_user", `user ${caller.userId} is disabled`);
      socket.data.caller = caller;
      socket.data.holds = new Map();
      return next();
    } catch (e) {
      return refuseConnect(e, next);
    }
  });

  io.on("connection", (socket) => {
    const userId = socket.data.caller.userId;
    socket.emit("connected", { message: "Connected to the jobs-node peer", user_id: userId, timestamp: new Date().toISOString() });

    socket.on("join_job", async (...args) => {
      const [body, ack] = split(args);
      let request;
      try {
        request = joinRequest(body);
      } catch (e) {
        return fail(socket, ack, e.code, e.message);
      }
      const { jobId, since } = request;
      if (socket.data.holds.has(jobId)) return fail(socket, ack, "bad_request", `a join of job ${jobId} is under way`);
      // Hold this job's live updates first, then read: whatever commits after the read is held.
      socket.leave(room(jobId));
      const hold = startHolding(socket, jobId);
      let snap;
      try {
        snap = await store.snapshot(pool, userId, jobId);
      } catch (e) {
        if (socket.data.holds.get(jobId) === hold) stopHolding(socket, jobId);
        if (!store.isDatabaseError(e)) console.error("jobs-node: join failed", e);
        return fail(socket, ack, "unavailable", "the database is unavailable; retry later");
      }
      // A leave_job or a disconnect came meanwhile: that join is over.
      if (!socket.connected || socket.data.holds.get(jobId) !== hold) return undefined;
      if (!snap) {
        stopHolding(socket, jobId);
        return fail(socket, ack, "not_found", `Job ${jobId} not found or access denied`);
      }
      if (since !== null && since > snap.seq) {
        stopHolding(socket, jobId);
        return fail(socket, ack, "bad_request", `since (${since}) is ahead of job ${jobId}, whose last seq is `
          + `${snap.seq}; join again without since`);
      }
      if (since !== null) {
        let state = { id: jobId };
        for (const e of snap.journal) {
          state = fold(state, e);
          if (e.seq > since) socket.emit("job_update", jobUpdate(state, e.type, e.created_at));
        }
      }
      const status = jobStatus(snap);
      socket.emit("job_status", status);
      if (ack) ack(status);
      release(socket, jobId, hold, snap.seq);
      return undefined;
    });

    socket.on("leave_job", (...args) => {
      const [body, ack] = split(args);
      let request;
      try {
        request = joinRequest(body);
      } catch (e) {
        return fail(socket, ack, e.code, e.message);
      }
      const { jobId } = request;
      socket.leave(room(jobId));
      if (socket.data.holds.has(jobId)) stopHolding(socket, jobId);
      const answer = { job_id: jobId, message: `Unsubscribed from job ${jobId}` };
      socket.emit("job_unsubscribed", answer);
      if (ack) ack(answer);
      return undefined;
    });

    socket.on("ping", (...args) => {
      const [, ack] = split(args);
      const pong = { timestamp: new Date().toISOString() };
      socket.emit("pong", pong);
      if (ack) ack(pong);
    });

    socket.on("disconnect", () => {
      for (const jobId of [...socket.data.holds.keys()]) stopHolding(socket, jobId);
    });
  });

  // ---- /workers: reports (role worker) ----

  const workers = io.of("/workers");
  workers.use((socket, next) => {
    try {
      const caller = verifyToken(socket.handshake.auth?.token, secret);
      if (caller.role !== "worker") return next(wrongRole("workers", "worker", caller));
      socket.data.caller = caller;
      return next();
    } catch (e) {
      return refuseConnect(e, next);
    }
  });

  workers.on("connection", (socket) => {
    let inFlight = 0; // items received on this connection and not answered yet
    const rateLimited = new Refusal("rate_limited",
      `more than ${maxInFlight} items in flight on this connection; wait for acknowledgements`);

    socket.on("report", async (...args) => {
      const [payload, ack] = split(args);
      const single = !Array.isArray(payload);
      if (!single && (payload.length < 1 || payload.length > store.MAX_BATCH)) {
        return fail(socket, ack, "bad_request", `report takes one item or an array of 1..${store.MAX_BATCH} items`);
      }
      const items = single ? [payload] : payload;
      const taken = Math.min(items.length, Math.max(0, maxInFlight - inFlight));
      inFlight += taken;
      let answer;
      try {
        answer = await store.report(pool, order, items, (i) => (i < taken ? null : rateLimited));
      } catch (e) {
        if (!store.isDatabaseError(e)) console.error("jobs-node: report failed", e);
        const down = new Refusal("unavailable", "the database is unavailable; retry later");
        const results = items.map((item) => itemRefused(isJobId(item?.job_id) ? item.job_id : null, down));
        answer = { results, accepted: 0, rejected: results.length };
      } finally {
        inFlight -= taken;
      }
      if (ack) {
        ack(single ? answer.results[0] : answer);
      } else {
        for (const r of answer.results) {
          if (!r.ok) socket.emit("error", { message: r.message, code: r.error, job_id: r.job_id });
        }
      }
      return undefined;
    });
  });

  return broadcast;
}
