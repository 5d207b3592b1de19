// Reports in the order they fall due: what the ingest paths send, whatever the path.
package dev.jobcast.bench.jobs;

/**
 * A run's reports numbered 0, 1, 2, ... in the order they fall due: how many there are, how
 * many are due so far, and the n-th. The progress reports come from a {@link ReportSchedule};
 * the closing {@code complete} reports are all due at once.
 */
interface Due {

    /** One report: job {@code job} (an index into the run's jobs), its report {@code k} or
     *  {@link #COMPLETE}, due {@code dueNanos} after the start of the run. */
    record Item(int job, long k, long dueNanos) {
        static final long COMPLETE = -1;

        boolean complete() {
            return k == COMPLETE;
        }
    }

    long total();

    /** How many reports (the first ones) are due {@code elapsedNanos} after the start: 0..total. */
    long dueBy(long elapsedNanos);

    Item item(long n);

    /** One {@code complete} report per job, all due {@code atNanos} after the start. */
    static Due completions(int jobs, long atNanos) {
        return new Due() {
            @Override
            public long total() {
                return jobs;
            }

            @Override
            public long dueBy(long elapsedNanos) {
                return elapsedNanos >= atNanos ? jobs : 0;
            }

            @Override
            public Item item(long n) {
                return new Item((int) n, Item.COMPLETE, atNanos);
            }
        };
    }
}
