// Sends each job's updates in seq order. Two transactions on one job are serialized by its
// row lock, but the first one's COMMIT reply may reach Node after the second's (each runs
// on its own connection): without this, a watcher could see seq 7 before seq 6. A job is
// tracked only while a transaction holds or waits on its updates; then it is forgotten.
export class SeqOrder {
  /** @param send (update) => void, called in seq order for each job */
  constructor(send) {
    this.send = send;
    this.jobs = new Map(); // job id -> {next, held: Map seq -> update, writers}
  }

  /** A transaction locked the job's row and read `seq` there: what it adds starts at seq + 1. */
  locked(jobId, seq) {
    let t = this.jobs.get(jobId);
    if (!t) {
      // Nothing in flight for this job: everything up to `seq` has been sent already.
      t = { next: seq + 1, held: new Map(), writers: 0 };
      this.jobs.set(jobId, t);
    }
    t.writers++;
  }

  /**
   * How far the job's updates have been sent: every seq up to this one has gone out
   * (Infinity when no transaction on the job is in flight: all it committed has been sent).
   */
  sentUpTo(jobId) {
    const t = this.jobs.get(jobId);
    return t ? t.next - 1 : Infinity;
  }

  /** That transaction ended: `updates` are what it committed for the job (none if it rolled back). */
  done(jobId, updates) {
    const t = this.jobs.get(jobId);
    for (const u of updates) t.held.set(u.seq, u);
    while (t.held.has(t.next)) {
      this.send(t.held.get(t.next));
      t.held.delete(t.next);
      t.next++;
    }
    if (--t.writers === 0) {
      // Nobody else can fill a gap now (a commit whose reply was lost): send what is left.
      for (const seq of [...t.held.keys()].sort((a, b) => a - b)) this.send(t.held.get(seq));
      this.jobs.delete(jobId);
    }
  }
}
