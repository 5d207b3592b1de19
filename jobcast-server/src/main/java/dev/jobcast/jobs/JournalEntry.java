package dev.jobcast.jobs;

import java.time.Instant;

/** One event of a job's journal, for the audit trail. */
public record JournalEntry(long seq, String type, Instant timestamp, JobEvent event) {
}
