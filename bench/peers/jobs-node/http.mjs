// The REST side of the contract on Fastify: users create and read jobs, workers report.
// Every request's JWT is verified (no database lookup); errors are {"error", "message"}.
import Fastify from "fastify";
import { AuthError, bearer, verifyToken } from "./auth.mjs";
import { badRequest, commandFromBody, jobUpdate, jobView, MAX_ID, MAX_TYPE, notFound, Refusal } from "./jobs.mjs";
import * as store from "./store.mjs";

const DEFAULT_EVENTS = 100;
const MAX_EVENTS = 1000;

const STATUS = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, payload_too_large: 413,
  unavailable: 503, internal: 500,
};

class HttpError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** What a failure looks like to the client: [status, {error, message}]. */
function answer(e) {
  if (e instanceof Refusal || e instanceof HttpError) return [STATUS[e.code] ?? 400, { error: e.code, message: e.message }];
  if (e instanceof AuthError) return [401, { error: "unauthorized", message: `${e.reason}: ${e.message}` }];
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return [413, { error: "payload_too_large", message: "request body larger than 1048576 bytes" }];
  }
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return [400, { error: "bad_request", message: e.message }]; // Fastify's own (bad JSON, media type)
  }
  if (store.isDatabaseError(e)) {
    console.error(`jobs-node: database failure: ${e.message}`);
    return [503, { error: "unavailable", message: "the database is unavailable; retry later" }];
  }
  console.error("jobs-node: unexpected failure", e);
  return [500, { error: "internal", message: "internal error" }];
}

function jobId(raw) {
  if (/^[1-9][0-9]{0,15}$/.test(raw) && Number(raw) <= MAX_ID) return Number(raw);
  throw badRequest(`job id must be a positive integer below 2^53, got "${String(raw).slice(0, 40)}"`);
}

function count(query, name, min, max, fallback) {
  const raw = query[name];
  if (raw === undefined || raw === "") return fallback;
  const n = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw badRequest(`${name} must be an integer ${min}..${max}, got "${String(raw).slice(0, 40)}"`);
  return n;
}

export function buildApp({ pool, order, secret, broadcast }) {
  const app = Fastify(); // no logger: nothing per request

  app.setErrorHandler((e, req, reply) => {
    const [status, body] = answer(e);
    reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: "not_found", message: `no route for ${req.method} ${req.url.split("?")[0]}` });
  });

  /** A handler behind the token check: only `role` may call it. */
  const as = (role, handler) => async (req, reply) => {
    const caller = verifyToken(bearer(req.headers.authorization), secret);
    if (caller.role !== role) {
      throw new HttpError("forbidden", `this endpoint is for ${role}s (role ${role}); the token's role is ${caller.role}`);
    }
    return handler(req, reply, caller);
  };

  app.get("/health", async () => ({ status: "healthy" }));

  // ---- Users ----

  app.post("/api/jobs", as("user", async (req, reply, caller) => {
    const body = req.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("the body must be a JSON object");
    if (typeof body.type !== "string" || body.type === "") throw badRequest("type is required (a string)");
    if (body.type.length > MAX_TYPE) throw badRequest(`type longer than ${MAX_TYPE} characters`);
    const runner = body.runner ?? "external";
    if (runner !== "external") throw badRequest('runner must be "external" (this peer runs no jobs itself)');
    const job = await store.createJob(pool, caller.userId, body.type, runner, body.input ?? null);
    broadcast(jobUpdate(job, "created", job.created_at));
    reply.code(201);
    return jobView(job);
  }));

  app.get("/api/jobs/:id", as("user", async (req, reply, caller) => {
    const id = jobId(req.params.id);
    const job = await store.getOwned(pool, caller.userId, id);
    if (!job) throw notFound(id);
    return jobView(job);
  }));

  app.get("/api/jobs/:id/events", as("user", async (req, reply, caller) => {
    const id = jobId(req.params.id);
    const since = count(req.query, "since", 0, MAX_ID, 0);
    const limit = count(req.query, "limit", 1, MAX_EVENTS, DEFAULT_EVENTS);
    const rows = await store.events(pool, caller.userId, id, since, limit);
    if (!rows) throw notFound(id);
    return {
      job_id: id,
      events: rows.map((e) => ({ seq: e.seq, type: e.type, timestamp: e.created_at.toISOString(), payload: e.payload })),
    };
  }));

  // ---- Workers ----

  for (const kind of ["progress", "complete", "fail"]) {
    app.post(`/api/jobs/:id/${kind}`, as("worker", async (req) => {
      const command = commandFromBody(kind, jobId(req.params.id), req.body);
      const [outcome] = await store.apply(pool, order, [command]);
      if (outcome.refusal) throw outcome.refusal;
      return jobView(outcome.job);
    }));
  }

  app.post("/api/reports", as("worker", async (req) => {
    const items = req.body;
    if (!Array.isArray(items) || items.length < 1 || items.length > store.MAX_BATCH) {
      throw badRequest(`the body must be a JSON array of 1..${store.MAX_BATCH} items`);
    }
    return store.report(pool, order, items);
  }));

  return app;
}
