package dev.jobcast.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.JobEvent;
import dev.jobcast.jobs.JobPage;
import dev.jobcast.jobs.JobState;
import dev.jobcast.jobs.JournalEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The JSON shapes of jobs and their journals. Field names are the seed's (snake_case via
 * {@link ApiJson#MAPPER}); timestamps are ISO-8601 UTC; a field without a value is null,
 * never missing. The owner id is not shown: a caller only ever sees their own jobs.
 */
final class JobViews {
    private JobViews() {
    }

    record JobView(long id, String type, String runner, String status, int progress, String message, String stage,
                   JsonNode result, String error, JsonNode input, String createdAt, String updatedAt, long seq) {
        static JobView of(JobState s) {
            return new JobView(s.id(), s.type(), s.runner(), s.status().wire(), s.progress(), s.message(), s.stage(),
                    s.result(), s.error(), s.input(), iso(s.createdAt()), iso(s.updatedAt()), s.seq());
        }
    }

    /** A page of the caller's jobs, newest first; next_cursor is null on the last page. */
    record JobListView(List<JobView> jobs, String nextCursor) {
        static JobListView of(JobPage page) {
            return new JobListView(page.jobs().stream().map(JobView::of).toList(), page.nextCursor());
        }
    }

    record EventView(long seq, String type, String timestamp, ObjectNode payload) {
        static EventView of(JournalEntry e) {
            return new EventView(e.seq(), e.type(), iso(e.timestamp()), payloadOf(e.event()));
        }
    }

    record EventsView(long jobId, List<EventView> events) {
        static EventsView of(long jobId, List<JournalEntry> entries) {
            return new EventsView(jobId, entries.stream().map(EventView::of).toList());
        }
    }

    /** An event's own fields; the time and the sequence number sit beside it in the view. */
    static ObjectNode payloadOf(JobEvent event) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        if (event instanceof JobEvent.Created c) {
            p.put("type", c.jobType());
            p.put("runner", c.runner());
            p.set("input", c.input());
        } else if (event instanceof JobEvent.ProgressReported r) {
            p.put("progress", r.progress());
            p.put("message", r.message());
            p.put("stage", r.stage());
        } else if (event instanceof JobEvent.Completed c) {
            p.set("result", c.result());
        } else if (event instanceof JobEvent.Failed f) {
            p.put("error", f.error());
        }
        // Started and Cancelled carry nothing but their time.
        return p;
    }

    /**
     * ISO-8601 UTC to the microsecond, rounded half up. The read side keeps what the
     * databases store (microseconds, rounded so by H2 and the PostgreSQL driver) while the
     * entity's clock may tick in nanoseconds; rounding here makes a job look the same
     * whether it is read from its entity, the listing or the journal.
     */
    static String iso(Instant t) {
        return t == null ? null : t.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }
}
