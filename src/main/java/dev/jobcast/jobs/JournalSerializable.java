package dev.jobcast.jobs;

/** Marks what is written to the journal or a snapshot; bound to Pekko's Jackson JSON serializer. */
public interface JournalSerializable {
}
