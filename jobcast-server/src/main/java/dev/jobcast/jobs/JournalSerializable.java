package dev.jobcast.jobs;

/**
 * Marks what is written to the journal or a snapshot. New rows use {@link JobSerializer};
 * this marker stays bound to Pekko's Jackson serializer, which reads the rows written
 * before that format existed.
 */
public interface JournalSerializable {
}
