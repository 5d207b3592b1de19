// The dashboard end to end, in real headless Chromium (Debian's, driven by playwright-core;
// nothing is downloaded). Run by DashboardBrowserTest, which owns the jobcast server:
//
//   node e2e/dashboard.e2e.mjs <base URL> <screenshot.png>
//
// The script asks the test to restart the server through its stdout and waits for the
// answer on its stdin, one line each way:
//   "E2E STOP"   -> the test closes the server      -> "stopped"
//   "E2E START"  -> it starts a new one on the same port and data -> "started"
//   "E2E RESULT {json}" reports the jobs' history seqs the page showed, for the test to compare
//   with the journal.
// Exit code 0 when every check passed; on failure a screenshot goes next to the requested one.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// A demo job takes ~6 s; a restart a few more; socket.io retries at most every 5 s.
const JOB_TIMEOUT = 30_000;
const RECONNECT_TIMEOUT = 40_000;

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
  console.error("usage: node e2e/dashboard.e2e.mjs <base URL> <screenshot.png>");
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium is missing at ${CHROMIUM}: install Debian's (apt-get update && apt-get install -y chromium)`);
  process.exit(3);
}

const log = (message) => console.log(`[e2e] ${message}`);

// ---- the handshake with the test --------------------------------------------------------

const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** Tells the test to do `command`, then waits for its `answer` line. */
async function ask(command, answer, timeoutMs = 60_000) {
  console.log(`E2E ${command}`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no "${answer}" from the test within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const next = await Promise.race([stdinLines.next(), timeout]);
    if (next.done || next.value.trim() !== answer) {
      throw new Error(`expected "${answer}" from the test, got ${next.done ? "end of input" : `"${next.value}"`}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

// ---- what the page shows -----------------------------------------------------------------

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Waits until the connection badge shows `state` (connected, reconnecting, offline). */
async function connectionIs(page, state, timeout) {
  await page.locator(`.connection[data-state="${state}"]`).waitFor({ timeout });
  log(`connection: ${state}`);
}

/** Clicks "Start demo job" and returns the id of the job card that appears for it. */
async function startDemoJob(page, knownIds) {
  await page.getByRole("button", { name: "Start demo job" }).click();
  const handle = await page.waitForFunction(
    (known) => {
      const ids = [...document.querySelectorAll(".job-card")].map((c) => Number(c.getAttribute("data-job-id")));
      return ids.find((id) => !known.includes(id)) ?? null;
    },
    knownIds,
    { timeout: 10_000 },
  );
  const id = await handle.jsonValue();
  log(`started job ${id}`);
  return id;
}

const card = (page, id) => page.locator(`.job-card[data-job-id="${id}"]`);

async function progressOf(page, id) {
  return Number(await card(page, id).getByRole("progressbar").getAttribute("aria-valuenow"));
}

async function waitForStatus(page, id, status, timeout) {
  await page.locator(`.job-card[data-job-id="${id}"][data-status="${status}"]`).waitFor({ timeout });
  log(`job ${id}: ${status}`);
}

/**
 * Waits until the history panel shows job `id` ending with event `lastType`, and returns
 * its seqs, checked to be exactly 1..N.
 */
async function historyOf(page, id, lastType, timeout) {
  await card(page, id).getByRole("button", { name: "History" }).click();
  await page
    .locator(`.history[data-job-id="${id}"] .timeline__item:last-child[data-type="${lastType}"]`)
    .waitFor({ timeout });
  const seqs = await page
    .locator(`.history[data-job-id="${id}"] .timeline__item`)
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-seq"))));
  const expected = seqs.map((_, i) => i + 1);
  check(JSON.stringify(seqs) === JSON.stringify(expected), `job ${id}'s history is not 1..N: ${seqs.join(",")}`);
  log(`job ${id}: history 1..${seqs.length}, ending ${lastType}`);
  return seqs;
}

/** The job as the REST API has it, with a token the server hands to this machine. */
async function restJob(page, id) {
  const session = await (await page.request.get(`${baseUrl}/dashboard/dev-session`)).json();
  const response = await page.request.get(`${baseUrl}/api/jobs/${id}`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });
  check(response.ok(), `GET /api/jobs/${id} answered ${response.status()}`);
  return response.json();
}

// ---- the scenario ------------------------------------------------------------------------

async function scenario(page) {
  // A browser that opens / is sent to the dashboard, which signs in as the demo user by itself.
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/dashboard\/$/, { timeout: 10_000 });
  await connectionIs(page, "connected", 15_000);
  await page.getByText("demo user").waitFor({ timeout: 5_000 });

  // A demo job runs to the end, live.
  const first = await startDemoJob(page, []);
  await waitForStatus(page, first, "completed", JOB_TIMEOUT);
  check((await progressOf(page, first)) === 100, `job ${first}'s bar is not at 100%`);
  await card(page, first).getByText(/^Completed/).waitFor({ timeout: 5_000 });
  const firstSeqs = await historyOf(page, first, "completed", 10_000);

  // A job cancelled from its card ends "cancelled", as the live stream tells.
  const cancelled = await startDemoJob(page, [first]);
  await card(page, cancelled).getByRole("button", { name: "Cancel" }).click();
  await waitForStatus(page, cancelled, "cancelled", JOB_TIMEOUT);
  await card(page, cancelled).getByText("Cancelled", { exact: true }).waitFor({ timeout: 5_000 });
  check((await card(page, cancelled).getByRole("button", { name: "Cancel" }).count()) === 0,
    `job ${cancelled} still offers Cancel`);
  const cancelledSeqs = await historyOf(page, cancelled, "cancelled", 10_000);

  // Another job; the server restarts while it runs.
  const second = await startDemoJob(page, [first, cancelled]);
  await page.waitForFunction(
    (id) => {
      const bar = document.querySelector(`.job-card[data-job-id="${id}"] [role="progressbar"]`);
      return bar !== null && Number(bar.getAttribute("aria-valuenow")) >= 20;
    },
    second,
    { timeout: JOB_TIMEOUT },
  );
  const before = await progressOf(page, second);
  log(`job ${second} at ${before}% when the server stops`);
  // Proves afterwards that the page was not reloaded: the reconnection happened in place.
  await page.evaluate(() => {
    window.__e2eSamePage = true;
  });

  await ask("STOP", "stopped");
  await connectionIs(page, "reconnecting", 15_000);
  await card(page, second).getByText(/^Not live/).waitFor({ timeout: 5_000 });
  await ask("START", "started");
  await connectionIs(page, "connected", RECONNECT_TIMEOUT);

  // The restarted server failed the interrupted job; the page learns it only by re-joining
  // with its last seq (the failure was persisted while it was disconnected).
  await waitForStatus(page, second, "failed", JOB_TIMEOUT);
  await card(page, second).getByText("Failed: interrupted by restart", { exact: true }).waitFor({ timeout: 5_000 });
  // The failure came as a replayed job_update (a bare status answer would not carry it).
  await page.locator(`.job-card[data-job-id="${second}"][data-last-event="failed"]`).waitFor({ timeout: 5_000 });
  check(await page.evaluate(() => window.__e2eSamePage === true), "the page was reloaded during the restart");
  const secondSeqs = await historyOf(page, second, "failed", 15_000);
  const rest = await restJob(page, second);
  check(rest.status === "failed", `REST says job ${second} is ${rest.status}`);
  check(secondSeqs.length === rest.seq, `history has ${secondSeqs.length} events, the job's seq is ${rest.seq}`);
  check((await progressOf(page, second)) === rest.progress, `job ${second}'s bar differs from its last progress`);
  check(
    Number(await card(page, second).locator(".progress").getAttribute("data-seq")) === rest.seq,
    `job ${second}'s live state is not at its last seq ${rest.seq}`,
  );
  check(
    Number(await card(page, second).getAttribute("data-last-update-seq")) === rest.seq,
    `job ${second}'s last job_update is not its last event ${rest.seq}`,
  );

  await page.screenshot({ path: screenshotPath, fullPage: true });
  log(`screenshot: ${screenshotPath}`);
  console.log(`E2E RESULT ${JSON.stringify({ first, firstSeqs, cancelled, cancelledSeqs, second, secondSeqs })}`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on("pageerror", (error) => log(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      log(`console error: ${message.text()}`);
    }
  });
  try {
    await scenario(page);
  } catch (error) {
    failed = true;
    console.error(`[e2e] FAILED: ${error.stack ?? error}`);
    const failure = screenshotPath.replace(/\.png$/, "-failure.png");
    await page.screenshot({ path: failure, fullPage: true }).catch(() => {});
    console.error(`[e2e] the page at the failure: ${failure}`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
