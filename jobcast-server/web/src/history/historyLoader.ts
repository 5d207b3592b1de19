import type { JournalEvent } from "../api/types";

/** Reads the journal after `since`, at most `pageSize` events, in seq order. */
export type JournalReader = (since: number) => Promise<JournalEvent[]>;

export interface HistoryLoaderOptions {
  /** The reader's page size: a full page means more may follow. */
  pageSize: number;
  /** Pause before asking again when the journal did not yet have what was wanted. */
  retryDelayMs?: number;
  onChange: (events: readonly JournalEvent[]) => void;
  onError: (error: unknown) => void;
}

/**
 * A job's audit timeline, read from the journal (GET /api/jobs/{id}/events) and kept
 * gap-free: it loads everything, then, each time a live update shows a newer seq, reads
 * the events after the last one it has. Live updates are paced (progress conflated), the
 * journal is not, so the timeline has every event even when the live stream skipped some.
 * One read at a time: updates that arrive meanwhile are served by the next read.
 */
export class HistoryLoader {
  private events: JournalEvent[] = [];
  private wanted = 0;
  private reading = false;
  private loaded = false;
  private failed = false;
  private more = false;
  private disposed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly read: JournalReader,
    private readonly options: HistoryLoaderOptions,
  ) {}

  /** Loads the journal now (at least once), then up to `seq` as it becomes known. */
  want(seq = 0): void {
    this.wanted = Math.max(this.wanted, seq);
    this.pump();
  }

  /** The last seq of the timeline (0 when empty). */
  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  dispose(): void {
    this.disposed = true;
    if (this.retry !== null) {
      clearTimeout(this.retry);
      this.retry = null;
    }
  }

  private pump(): void {
    if (this.disposed || this.reading || this.retry !== null) {
      return;
    }
    if (this.loaded && !this.more && this.lastSeq >= this.wanted) {
      return;
    }
    this.reading = true;
    const since = this.lastSeq;
    this.read(since).then(
      (page) => {
        this.reading = false;
        if (this.disposed) {
          return;
        }
        const first = !this.loaded;
        this.loaded = true;
        const fresh = page.filter((e) => e.seq > this.lastSeq).sort((a, b) => a.seq - b.seq);
        if (fresh.length > 0) {
          this.events = [...this.events, ...fresh];
        }
        // The first read and a read after a failure report even when nothing is new.
        if (fresh.length > 0 || first || this.failed) {
          this.failed = false;
          this.options.onChange(this.events);
        }
        // A full page: the journal may have more than anyone announced yet.
        this.more = page.length >= this.options.pageSize;
        if (this.more) {
          this.pump();
        } else if (this.lastSeq < this.wanted) {
          this.later(); // the journal is behind what the live stream announced
        }
      },
      (error: unknown) => {
        this.reading = false;
        if (!this.disposed) {
          this.failed = true;
          this.options.onError(error);
          this.later();
        }
      },
    );
  }

  private later(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      this.pump();
    }, this.options.retryDelayMs ?? 1000);
  }
}
