// PostgreSQL: the peer's own schema, and every query it runs. A report is one transaction:
// lock the jobs' rows, decide in JavaScript, then update the rows and insert the events in
// one statement, commit, and only then broadcast. A batch is the same transaction for all
// its items.
import pg from "pg";
import { commandFromItem, decide, itemAccepted, itemRefused, jobUpdate, Refusal } from "./jobs.mjs";

export const SCHEMA = "jobcast_node_peer";
/** The most items in one batch (REST or /workers). */
export const MAX_BATCH = 1000;
const S = SCHEMA;

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${S};
CREATE TABLE IF NOT EXISTS ${S}.users (
  id BIGSERIAL PRIMARY KEY,
  email VARCHAR(320) NOT NULL UNIQUE,
  enabled BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE IF NOT EXISTS ${S}.jobs (
  id BIGSERIAL PRIMARY KEY,
  owner_id BIGINT NOT NULL REFERENCES ${S}.users (id),
  type VARCHAR(100) NOT NULL,
  runner VARCHAR(20) NOT NULL,
  status VARCHAR(20) NOT NULL,
  progress INTEGER NOT NULL,
  message VARCHAR(2000),
  stage VARCHAR(200),
  result JSONB,
  error VARCHAR(2000),
  input JSONB,
  seq BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_owner_idx ON ${S}.jobs (owner_id, id);
CREATE TABLE IF NOT EXISTS ${S}.job_events (
  job_id BIGINT NOT NULL REFERENCES ${S}.jobs (id),
  seq BIGINT NOT NULL,
  type VARCHAR(20) NOT NULL,
  payload JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (job_id, seq)
);`;

// jsonb_to_recordset turns the JSON arrays built below into rows: one statement writes the
// new state of every job a transaction touched and all the events it added.
const WRITE = `
WITH changed AS (
  UPDATE ${S}.jobs j
     SET status = c.status, progress = c.progress, message = c.message, stage = c.stage,
         result = c.result, error = c.error, seq = c.seq, updated_at = c.updated_at
    FROM jsonb_to_recordset($1::jsonb) AS c(id BIGINT, status TEXT, progress INT, message TEXT, stage TEXT,
                                            result JSONB, error TEXT, seq BIGINT, updated_at TIMESTAMPTZ)
   WHERE j.id = c.id
)
INSERT INTO ${S}.job_events (job_id, seq, type, payload, created_at)
SELECT e.job_id, e.seq, e.type, e.payload, e.created_at
  FROM jsonb_to_recordset($2::jsonb) AS e(job_id BIGINT, seq BIGINT, type TEXT, payload JSONB,
                                          created_at TIMESTAMPTZ)`;

// pg hands BIGINT back as a string; ids and seqs stay below 2^53, so numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** pg's server errors carry a SQLSTATE; connection errors a system error code. */
export function isDatabaseError(e) {
  return typeof e?.code === "string" && (/^[0-9A-Z]{5}$/.test(e.code) || e.code.startsWith("E"))
    || /Connection terminated|timeout exceeded when trying to connect/.test(e?.message ?? "");
}

export function createPool(connectionString, max) {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", (e) => console.error(`jobs-node: idle database client failed: ${e.message}`));
  return pool;
}

export async function ensureSchema(pool, reset) {
  if (reset) await pool.query(`DROP SCHEMA IF EXISTS ${S} CASCADE`);
  await pool.query(DDL);
}

/** The user of that email, created (enabled) when absent; its id. */
export async function ensureUser(pool, email) {
  const { rows } = await pool.query(
    `INSERT INTO ${S}.users (email) VALUES ($1)
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`, [email]);
  return rows[0].id;
}

/** The user's row ({id, enabled}) or undefined. */
export async function findUser(pool, id) {
  const { rows } = await pool.query(`SELECT id, enabled FROM ${S}.users WHERE id = $1`, [id]);
  return rows[0];
}

/** A new job and its `created` event, in one statement. */
export async function createJob(pool, ownerId, type, runner, input) {
  const { rows } = await pool.query(
    `WITH j AS (
       INSERT INTO ${S}.jobs (owner_id, type, runner, status, progress, message, input, seq, created_at, updated_at)
       VALUES ($1, $2, $3, 'queued', 0, 'Job queued', $4::jsonb, 1, now(), now())
       RETURNING *
     ), e AS (
       INSERT INTO ${S}.job_events (job_id, seq, type, payload, created_at)
       SELECT id, 1, 'created', jsonb_build_object('type', type, 'runner', runner, 'input', input), created_at FROM j
     )
     SELECT * FROM j`, [ownerId, type, runner, input === null ? null : JSON.stringify(input)]);
  return rows[0];
}

/** The job when it exists and belongs to the owner, else undefined. */
export async function getOwned(pool, ownerId, jobId) {
  const { rows } = await pool.query(`SELECT * FROM ${S}.jobs WHERE id = $1 AND owner_id = $2`, [jobId, ownerId]);
  return rows[0];
}

/** The journal after `since`, at most `limit` events; undefined when the job is not the owner's. */
export async function events(pool, ownerId, jobId, since, limit) {
  if (!(await getOwned(pool, ownerId, jobId))) return undefined;
  const { rows } = await pool.query(
    `SELECT seq, type, payload, created_at FROM ${S}.job_events
      WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [jobId, since, limit]);
  return rows;
}

/**
 * The job and its whole journal as one snapshot (one statement), for a join's replay:
 * undefined when the job is not the owner's.
 */
export async function snapshot(pool, ownerId, jobId) {
  const { rows } = await pool.query(
    `SELECT j.*, COALESCE((SELECT json_agg(json_build_object('seq', e.seq, 'type', e.type,
                                           'payload', e.payload, 'created_at', e.created_at) ORDER BY e.seq)
                            FROM ${S}.job_events e WHERE e.job_id = j.id), '[]') AS journal
       FROM ${S}.jobs j WHERE j.id = $1 AND j.owner_id = $2`, [jobId, ownerId]);
  return rows[0];
}

/**
 * Runs commands (from commandFromBody/commandFromItem) in one transaction, in order. Returns
 * one outcome per command: {job} (the job after it) or {refusal}. The job_update broadcasts
 * go out after the commit, through `order`. A database failure rejects the whole call.
 */
export async function apply(pool, order, commands, now = new Date()) {
  const ids = [...new Set(commands.map((c) => c.jobId))].sort((a, b) => a - b);
  const client = await pool.connect();
  const locked = [];
  const updates = new Map(); // job id -> job_update payloads, in seq order
  let broken = false;
  try {
    await client.query("BEGIN");
    // Locked in id order, so two transactions over the same jobs never deadlock.
    const { rows } = await client.query(
      `SELECT * FROM ${S}.jobs WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [ids]);
    const jobs = new Map();
    for (const row of rows) {
      jobs.set(row.id, row);
      order.locked(row.id, row.seq);
      locked.push(row.id);
    }
    const outcomes = [];
    const events = [];
    for (const command of commands) {
      try {
        const decided = decide(jobs.get(command.jobId), command, now);
        jobs.set(command.jobId, decided.job);
        for (const e of decided.events) {
          events.push({ job_id: command.jobId, seq: e.job.seq, type: e.type, payload: e.payload, created_at: now });
          if (!updates.has(command.jobId)) updates.set(command.jobId, []);
          updates.get(command.jobId).push(jobUpdate(e.job, e.type, now));
        }
        outcomes.push({ job: decided.job });
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        outcomes.push({ refusal: e });
      }
    }
    if (events.length > 0) {
      const changed = [...updates.keys()].map((id) => {
        const j = jobs.get(id);
        return { id, status: j.status, progress: j.progress, message: j.message, stage: j.stage, result: j.result,
          error: j.error, seq: j.seq, updated_at: now };
      });
      await client.query(WRITE, [JSON.stringify(changed), JSON.stringify(events)]);
    }
    await client.query("COMMIT");
    return outcomes;
  } catch (e) {
    updates.clear();
    await client.query("ROLLBACK").catch(() => { broken = true; });
    throw e;
  } finally {
    client.release(broken); // a client that could not even roll back is closed, not reused
    for (const id of locked) order.done(id, updates.get(id) ?? []);
  }
}

/**
 * A batch: every valid item in one transaction, in the items' order; answered per item.
 * `limited` (optional) marks the items refused beforehand (the /workers in-flight bound).
 */
export async function report(pool, order, items, limited = () => null) {
  const results = new Array(items.length);
  const commands = [];
  const slots = [];
  items.forEach((item, i) => {
    const parsed = commandFromItem(item);
    const refusal = parsed.refusal ?? limited(i);
    if (refusal) {
      results[i] = itemRefused(parsed.jobId, refusal);
    } else {
      commands.push(parsed.command);
      slots.push(i);
    }
  });
  if (commands.length > 0) {
    const outcomes = await apply(pool, order, commands);
    outcomes.forEach((o, k) => {
      results[slots[k]] = o.refusal ? itemRefused(commands[k].jobId, o.refusal) : itemAccepted(o.job);
    });
  }
  const accepted = results.filter((r) => r.ok).length;
  return { results, accepted, rejected: results.length - accepted };
}
