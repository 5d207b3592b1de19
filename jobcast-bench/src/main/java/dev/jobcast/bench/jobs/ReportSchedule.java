// The open-loop schedule of the progress reports of a `bench jobs` run: when each falls due.
package dev.jobcast.bench.jobs;

/**
 * Every job reports {@code rate} times a second, the jobs phase-shifted evenly over one
 * interval, so the load is smooth: report k of job j is due (k + j/J) / rate seconds after
 * the start. Numbered in due order, report n is job n % J's report n / J, due n / (J * rate)
 * seconds after the start. Open loop: a report is due when it is due, whether or not the
 * server has answered the ones before. The first {@code warmup} seconds are not measured;
 * the {@code duration} after them are. Pure.
 */
final class ReportSchedule implements Due {
    private final int jobs;
    private final long perJob;
    private final double nanosPerReport;
    private final long warmupNanos;
    private final long endNanos;

    ReportSchedule(int jobs, double ratePerJob, double warmupSeconds, double durationSeconds) {
        if (jobs < 1 || !(ratePerJob > 0) || Double.isInfinite(ratePerJob) || !(durationSeconds > 0)
                || !(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds + durationSeconds)) {
            throw new IllegalArgumentException("jobs >= 1, a positive rate and duration and a warmup >= 0, please");
        }
        this.jobs = jobs;
        this.perJob = Math.round(ratePerJob * (warmupSeconds + durationSeconds));
        if (perJob < 1) {
            throw new IllegalArgumentException("at that rate no job reports even once in " + (warmupSeconds + durationSeconds) + " s");
        }
        this.nanosPerReport = 1e9 / (ratePerJob * jobs);
        this.warmupNanos = Math.round(warmupSeconds * 1e9);
        this.endNanos = warmupNanos + Math.round(durationSeconds * 1e9);
    }

    int jobs() {
        return jobs;
    }

    /** Progress reports each job sends. */
    long perJob() {
        return perJob;
    }

    @Override
    public long total() {
        return jobs * perJob;
    }

    /** When report n falls due, after the start: the first nanosecond at or past n / (J * rate) s. */
    long dueNanos(long n) {
        return (long) Math.ceil(n * nanosPerReport);
    }

    @Override
    public long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        // A first guess from the rate, then made exact against dueNanos, which defines it.
        long n = Math.min(total(), (long) Math.floor(elapsedNanos / nanosPerReport) + 1);
        while (n < total() && dueNanos(n) <= elapsedNanos) {
            n++;
        }
        while (n > 0 && dueNanos(n - 1) > elapsedNanos) {
            n--;
        }
        return n;
    }

    @Override
    public Item item(long n) {
        if (n < 0 || n >= total()) {
            throw new IndexOutOfBoundsException("report " + n + " of " + total());
        }
        return new Item((int) (n % jobs), n / jobs, dueNanos(n));
    }

    /** Whether a report due {@code dueNanos} after the start is one the figures count. */
    boolean measured(long dueNanos) {
        return dueNanos >= warmupNanos && dueNanos < endNanos;
    }

    long warmupNanos() {
        return warmupNanos;
    }

    /** The end of the measured window, after the start. */
    long endNanos() {
        return endNanos;
    }

    double measuredSeconds() {
        return (endNanos - warmupNanos) / 1e9;
    }
}
