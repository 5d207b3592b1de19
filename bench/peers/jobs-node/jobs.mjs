// The job rules of the ingest contract (/work/notes/ingest-contract.md, issue 12), with no
// I/O: reading a report, deciding what it does to a job, and the JSON views of jobs and
// events. The database code (store.mjs) and the transports (http.mjs, live.mjs) use these.

export const MAX_MESSAGE = 2000;
export const MAX_STAGE = 200;
export const MAX_TYPE = 100;
export const MAX_ID = 2 ** 53 - 1;
export const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** A refusal: a contract error code (bad_request, not_found, conflict, ...) and a message. */
export class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export const badRequest = (message) => new Refusal("bad_request", message);
export const notFound = (jobId) => new Refusal("not_found", `Job ${jobId} not found or access denied`);

/** A field that is absent or JSON null counts as not given. */
const given = (v) => v !== undefined && v !== null;

export function isJobId(v) {
  return Number.isSafeInteger(v) && v > 0;
}

function typeOf(v) {
  if (Array.isArray(v)) return "an array";
  if (Number.isInteger(v)) return "an integer";
  if (typeof v === "number") return "a decimal number";
  return { string: "a string", boolean: "a boolean", object: "an object" }[typeof v] ?? typeof v;
}

function optionalString(body, name, max) {
  const v = body[name];
  if (!given(v)) return null;
  if (typeof v !== "string") throw badRequest(`${name} must be a string, got ${typeOf(v)}`);
  if (v.length > max) throw badRequest(`${name} longer than ${max} characters`);
  return v;
}

function optionalProgress(body) {
  const v = body.progress;
  if (!given(v)) return null;
  if (!Number.isInteger(v)) throw badRequest(`progress must be an integer 0..100, got ${typeOf(v)}`);
  if (v < 0 || v > 100) throw badRequest(`progress must be between 0 and 100, got ${v}`);
  return v;
}

function failError(body) {
  const v = body.error;
  if (typeof v !== "string" || v.trim() === "") throw badRequest("error must be a non-empty string");
  return v.length > MAX_MESSAGE ? v.slice(0, MAX_MESSAGE) : v;
}

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A command from a REST body: kind "progress" (progress required), "complete" or "fail".
 * Throws a Refusal when the body is wrong.
 */
export function commandFromBody(kind, jobId, body) {
  if (!isObject(body)) throw badRequest("the body must be a JSON object");
  if (kind === "progress") {
    if (!given(body.progress)) throw badRequest("progress is required (an integer 0..100)");
    return progressCommand(jobId, body);
  }
  if (kind === "complete") return { kind, jobId, result: given(body.result) ? body.result : null };
  return { kind, jobId, error: failError(body) };
}

/**
 * A command from one item of a batch (REST or /workers). Returns {jobId, command} or
 * {jobId, refusal}; jobId is null when the item had no usable job_id.
 */
export function commandFromItem(item) {
  if (!isObject(item)) return { jobId: null, refusal: badRequest("an item must be a JSON object") };
  const jobId = isJobId(item.job_id) ? item.job_id : null;
  try {
    if (jobId === null) throw badRequest("job_id must be a positive integer below 2^53");
    const kind = given(item.type) ? item.type : "progress";
    if (kind === "progress") {
      const command = progressCommand(jobId, item);
      if (command.progress === null && command.message === null && command.stage === null) {
        throw badRequest("a progress item needs at least one of progress, message, stage");
      }
      return { jobId, command };
    }
    if (kind === "complete" || kind === "fail") return { jobId, command: commandFromBody(kind, jobId, item) };
    throw badRequest('type must be "progress", "complete" or "fail"');
  } catch (e) {
    if (e instanceof Refusal) return { jobId, refusal: e };
    throw e;
  }
}

function progressCommand(jobId, body) {
  return {
    kind: "progress",
    jobId,
    progress: optionalProgress(body), // null: unchanged
    message: optionalString(body, "message", MAX_MESSAGE),
    stage: optionalString(body, "stage", MAX_STAGE),
  };
}

/**
 * What `command` does to `job` (a row of the jobs table, or undefined): the events it adds,
 * each with the job as it is after that event. No events means an identical report,
 * acknowledged and not written. Throws a Refusal when the job's state forbids it.
 */
export function decide(job, command, now) {
  if (!job) throw notFound(command.jobId);
  if (TERMINAL.has(job.status)) throw new Refusal("conflict", `Job ${job.id} is already ${job.status}`);
  const queued = job.status === "queued";
  const events = [];
  let state = job;
  const add = (type, payload, changes) => {
    state = { ...state, ...changes, seq: state.seq + 1, updated_at: now };
    events.push({ type, payload, at: now, job: state });
  };

  if (command.kind === "progress") {
    if (queued && job.runner !== "external") throw new Refusal("conflict", `Job ${job.id} is not running`);
    const progress = command.progress ?? job.progress;
    const same = !queued && progress === job.progress
      && (command.message === null || command.message === job.message)
      && (command.stage === null || command.stage === job.stage);
    if (same) return { job, events };
    if (queued) add("started", {}, { status: "running", message: "Job started" });
    add("progress", { progress, message: command.message, stage: command.stage }, {
      status: "running",
      progress,
      message: command.message ?? state.message,
      stage: command.stage ?? state.stage,
    });
  } else if (command.kind === "complete") {
    if (queued) throw new Refusal("conflict", `Job ${job.id} was never started`);
    add("completed", { result: command.result }, {
      status: "completed", progress: 100, message: "Job completed successfully", result: command.result,
    });
  } else {
    add("failed", { error: command.error }, {
      status: "failed", message: `Job failed: ${command.error}`.slice(0, MAX_MESSAGE), error: command.error,
    });
  }
  return { job: state, events };
}

// ---- Views ----

const iso = (t) => (t === null || t === undefined ? null : new Date(t).toISOString());

/** The job view of the REST API; every field present, null when it has no value. */
export function jobView(j) {
  return {
    id: Number(j.id),
    type: j.type,
    runner: j.runner,
    status: j.status,
    progress: j.progress,
    message: j.message ?? null,
    stage: j.stage ?? null,
    result: j.result ?? null,
    error: j.error ?? null,
    input: j.input ?? null,
    created_at: iso(j.created_at),
    updated_at: iso(j.updated_at),
    seq: Number(j.seq),
  };
}

/** job_update: the job as the event left it; fields without a value are left out. */
export function jobUpdate(j, type, at) {
  const u = { job_id: Number(j.id), seq: Number(j.seq), event: type, status: j.status, progress: j.progress };
  if (given(j.message)) u.message = j.message;
  if (given(j.stage)) u.stage = j.stage;
  if (given(j.result)) u.result = j.result;
  if (given(j.error)) u.error = j.error;
  u.timestamp = iso(at);
  return u;
}

export function jobStatus(j) {
  const s = { job_id: Number(j.id), status: j.status, progress: j.progress, message: j.message, seq: Number(j.seq) };
  if (given(j.stage)) s.stage = j.stage;
  return s;
}

/** The accepted item result of a batch. */
export function itemAccepted(j) {
  return { job_id: Number(j.id), ok: true, seq: Number(j.seq), status: j.status, progress: j.progress };
}

export function itemRefused(jobId, refusal) {
  return { job_id: jobId, ok: false, error: refusal.code, message: refusal.message };
}

/**
 * The job as it is after an event, from the job as it was before it: what a replay folds
 * the journal with (the journal keeps only each event's own fields).
 */
export function fold(job, event) {
  const p = event.payload ?? {};
  const seq = Number(event.seq);
  const at = event.created_at;
  switch (event.type) {
    case "created":
      return { ...job, type: p.type, runner: p.runner, input: p.input ?? null, status: "queued", progress: 0,
        message: "Job queued", stage: null, result: null, error: null, created_at: at, updated_at: at, seq };
    case "started":
      return { ...job, status: "running", message: "Job started", updated_at: at, seq };
    case "progress":
      return { ...job, status: "running", progress: p.progress, message: p.message ?? job.message,
        stage: p.stage ?? job.stage, updated_at: at, seq };
    case "completed":
      return { ...job, status: "completed", progress: 100, message: "Job completed successfully",
        result: p.result ?? null, updated_at: at, seq };
    case "failed":
      return { ...job, status: "failed", message: `Job failed: ${p.error}`.slice(0, MAX_MESSAGE), error: p.error,
        updated_at: at, seq };
    case "cancelled":
      return { ...job, status: "cancelled", message: "Job was cancelled", updated_at: at, seq };
    default:
      return { ...job, seq };
  }
}
