// The jobs peer of jobcast's benchmarks: the job-ingest contract (issue 12) as a Node user
// would build it, on Fastify, socket.io 4.8.4 with its default options, and PostgreSQL
// through node-postgres, so that `jobcast bench jobs` drives it as it drives jobcast.
//
//   node server.mjs [--host 127.0.0.1] [--port 3000]
//                   [--db postgres://postgres@127.0.0.1:5432/test] [--pool 10] [--reset]
//                   [--jwt-secret S | env JWT_SECRET] [--tokens-file FILE] [--max-in-flight 10000]
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Server } from "socket.io";
import { issueToken } from "./auth.mjs";
import { buildApp } from "./http.mjs";
import { installLive } from "./live.mjs";
import { SeqOrder } from "./order.mjs";
import * as store from "./store.mjs";

const BENCH_USER = "bench@peer.invalid";
const TOKEN_SECONDS = 24 * 3600;

const { values: args } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "3000" },
    db: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    pool: { type: "string", default: "10" },
    reset: { type: "boolean", default: false },
    "jwt-secret": { type: "string" },
    "tokens-file": { type: "string" },
    "max-in-flight": { type: "string", default: "10000" },
  },
});

function positive(name) {
  const n = Number(args[name]);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`jobs-node: --${name} must be a positive integer, got "${args[name]}"`);
    process.exit(2);
  }
  return n;
}

const port = Number(args.port);
const poolSize = positive("pool");
const maxInFlight = positive("max-in-flight");
// Without a secret, a random one: the tokens printed below are then the only ones that work.
const secret = args["jwt-secret"] ?? process.env.JWT_SECRET ?? randomBytes(32).toString("base64url");

const pool = store.createPool(args.db, poolSize);
await store.ensureSchema(pool, args.reset);
const userId = await store.ensureUser(pool, BENCH_USER);

let broadcast;
const order = new SeqOrder((update) => broadcast(update));
const app = buildApp({ pool, order, secret, broadcast: (update) => broadcast(update) });
const io = new Server(app.server); // default options
broadcast = installLive(io, { pool, order, secret, maxInFlight });

await app.listen({ host: args.host, port });

const tokens = {
  user_token: issueToken(secret, userId, "user", TOKEN_SECONDS),
  worker_token: issueToken(secret, userId, "worker", TOKEN_SECONDS),
  user_id: userId,
};
if (args["tokens-file"]) writeFileSync(args["tokens-file"], `${JSON.stringify(tokens)}\n`);
console.log(JSON.stringify(tokens));
console.error(`jobs-node: http://${args.host}:${port}/ (REST, Socket.IO on / and /workers), `
  + `PostgreSQL schema ${store.SCHEMA}, pool ${poolSize}, node ${process.version}`);
