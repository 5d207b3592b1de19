package dev.jobcast.jobs;

import java.util.List;

/** One page of a user's jobs, newest first; {@code nextCursor} is null on the last page. */
public record JobPage(List<JobState> jobs, String nextCursor) {
}
