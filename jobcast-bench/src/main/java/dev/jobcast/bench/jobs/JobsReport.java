// The figures of a `bench jobs` run, and the problems that make its exit status 1.
package dev.jobcast.bench.jobs;

import dev.jobcast.bench.ProcessMeter;
import dev.jobcast.bench.Report;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns a run's ledger, watchers, journals and CPU samples into a {@link Report}: a table
 * by default, one JSON object with --json. Rates are of the measured window (answers and
 * updates that came in it), latencies of the reports due in it; the checks (order, terminal
 * updates, journals) are of the whole run.
 * Any loss, order violation, missing update or unread journal is a problem; refused and
 * failed reports are figures, not problems (a server may refuse under load), but a run
 * where nothing was accepted is one.
 */
final class JobsReport {
    private final JobsCommand o;
    private final ReportSchedule schedule;
    private final Report r = new Report("jobs");
    private final List<String> problems = new ArrayList<>();

    JobsReport(JobsCommand options, ReportSchedule schedule) {
        this.o = options;
        this.schedule = schedule;
        r.add("url", "server", o.url.toString());
        r.add("path", "ingest path", o.path.name());
        r.add("jobs", "jobs", o.jobs);
        r.add("watchersPerJob", "watchers per job", o.watchers);
        r.add("ratePerJob", "reports per job", o.rate, "/s");
        r.add("offeredPerSecond", "reports offered", o.rate * o.jobs, "/s");
        r.add("warmupSeconds", "warmup (not measured)", o.warmup, "s");
        r.add("seconds", "measured", schedule.measuredSeconds(), "s");
        r.add("connections", "worker connections", o.connections());
        if (o.path != JobsCommand.IngestKind.rest) {
            r.add("batchSize", "most reports per batch", o.batchSize);
            r.add("batchIntervalMs", "batch interval", o.batchIntervalMs, "ms");
        }
        if (o.path == JobsCommand.IngestKind.socket) {
            r.add("maxInFlight", "most reports in flight per connection", o.maxInFlight);
        }
    }

    void watchers(Watchers w, boolean[] completed) {
        long notCompleted = 0;
        for (boolean c : completed) {
            notCompleted += c ? 0 : 1;
        }
        long missing = w.missingTerminal(completed);
        long order = w.orderViolations();
        r.add("watchers", "watchers", (long) w.count());
        r.add("watchersJoined", "watchers joined", w.joined());
        r.add("watchersDropped", "watchers dropped after joining", w.dropped());
        if (!w.failureReasons().isEmpty()) {
            r.add("watcherFailures", "why watchers failed", w.failureReasons().toString());
        }
        double seconds = schedule.measuredSeconds();
        Histogram e2e = w.latency();
        r.add("deliveries", "progress updates received (measured)", w.measuredDeliveries());
        r.add("deliveriesPerSecond", "deliveries", w.measuredDeliveries() / seconds, "/s");
        r.add("e2eP50Ms", "end to end p50 (due time to watcher)", e2e.getValueAtPercentile(50) / 1000.0, "ms");
        r.add("e2eP99Ms", "end to end p99 (due time to watcher)", e2e.getValueAtPercentile(99) / 1000.0, "ms");
        r.add("e2eMaxMs", "end to end max", e2e.getMaxValue() / 1000.0, "ms");
        r.add("orderViolations", "order violations (seq not previous + 1)", order);
        r.add("missingTerminal", "watchers without the completed update", missing);
        r.add("jobsNotCompleted", "jobs whose complete was not accepted", notCompleted);
        problem(w.notJoined(), "watchers that never joined");
        problem(w.dropped(), "watchers dropped");
        problem(order, "order violations");
        problem(missing, "watchers without the completed update");
        problem(notCompleted, "jobs not completed");
    }

    void reports(Ledger l) {
        Histogram lat = l.latency();
        r.add("reports", "progress reports sent", schedule.total());
        r.add("accepted", "reports accepted", l.accepted());
        r.add("acceptedPerSecond", "accepted (answers in the window)", l.acceptedMeasured() / schedule.measuredSeconds(), "/s");
        r.add("refused", "reports refused", l.refused());
        r.add("failed", "reports failed (no answer)", l.failed());
        if (!l.reasons().isEmpty()) {
            r.add("reasons", "why refused or failed", l.reasons().toString());
        }
        r.add("reportP50Ms", "report latency p50 (due time to answer)", lat.getValueAtPercentile(50) / 1000.0, "ms");
        r.add("reportP99Ms", "report latency p99 (due time to answer)", lat.getValueAtPercentile(99) / 1000.0, "ms");
        r.add("reportMaxMs", "report latency max", lat.getMaxValue() / 1000.0, "ms");
        if (l.accepted() == 0) {
            problems.add("no report accepted");
        }
    }

    void journals(JobsRun.Journals j) {
        JournalCheck.Tally t = j.tally;
        r.add("journalEvents", "journal events", t.events());
        r.add("journalExpected", "journal events expected", t.expected());
        r.add("journalLost", "accepted but not in the journal", t.lost());
        r.add("journalExtra", "in the journal but not accepted", t.extra());
        r.add("journalSeqErrors", "journal seq out of sequence", t.seqErrors());
        r.add("journalUnread", "journals that could not be read", j.unread);
        problem(t.lost(), "lost from the journal");
        problem(t.extra(), "extra in the journal");
        problem(t.seqErrors(), "journal seq errors");
        problem(j.unread, "journals unread");
    }

    void cpu(ProcessMeter.Sample server0, ProcessMeter.Sample server1, ProcessMeter.Sample self0,
             ProcessMeter.Sample self1, ProcessGroupCpu.Sample db0, ProcessGroupCpu.Sample db1, String dbWhat) {
        if (server0 != null && server1 != null) {
            r.add("serverCpuPercent", "server CPU (of one core)", ProcessMeter.cpuPercent(server0, server1), "%");
            if (server1.rssBytes() >= 0) {
                r.add("serverRssMiB", "server resident memory at the end", server1.rssBytes() / (1024.0 * 1024), "MiB");
            }
        }
        if (db0 != null && db1 != null) {
            r.add("dbCpuPercent", "database CPU (" + dbWhat + ")", ProcessGroupCpu.percent(db0, db1), "%");
        }
        if (self0 != null && self1 != null) {
            r.add("generatorCpuPercent", "generator CPU (of one core)", ProcessMeter.cpuPercent(self0, self1), "%");
        }
    }

    private void problem(long count, String what) {
        if (count > 0) {
            problems.add(count + " " + what);
        }
    }

    Report build() {
        r.add("problems", "problems", problems.isEmpty() ? "none" : String.join("; ", problems));
        return r;
    }
}
