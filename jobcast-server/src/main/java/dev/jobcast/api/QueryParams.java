package dev.jobcast.api;

import dev.jobcast.jobs.JobIds;
import dev.jobcast.jobs.JobStatus;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/** The query parameters of the listing and journal endpoints, each checked with a 400 that names it. */
final class QueryParams {
    private static final Pattern NON_NEGATIVE = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final String STATUSES = Arrays.stream(JobStatus.values()).map(JobStatus::wire)
            .collect(Collectors.joining(", "));

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    static QueryParams of(HttpRequest req) {
        try {
            return new QueryParams(req.getUri().query().toMap());
        } catch (RuntimeException e) {
            // Pekko parses the query lazily; bad percent-encoding surfaces here.
            throw ApiException.badRequest("the query string is malformed");
        }
    }

    /** An integer in min..max, or the default when absent. */
    int intIn(String name, int min, int max, int defaultValue) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        if (!NON_NEGATIVE.matcher(raw).matches() || Long.parseLong(raw) < min || Long.parseLong(raw) > max) {
            throw ApiException.badRequest(name + " must be an integer between " + min + " and " + max);
        }
        return Integer.parseInt(raw);
    }

    /** A non-negative integer, or the default when absent. */
    long nonNegativeLong(String name, long defaultValue) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        if (!NON_NEGATIVE.matcher(raw).matches()) {
            throw ApiException.badRequest(name + " must be a non-negative integer");
        }
        return Long.parseLong(raw);
    }

    Optional<JobStatus> status(String name) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        for (JobStatus s : JobStatus.values()) {
            if (s.wire().equals(raw)) {
                return Optional.of(s);
            }
        }
        throw ApiException.badRequest(name + " must be one of " + STATUSES);
    }

    /**
     * The listing cursor: opaque to clients, in fact the id of the last job of the previous
     * page. Anything that is not such an id was not handed out by this server.
     */
    Optional<Long> cursor(String name) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        if (NON_NEGATIVE.matcher(raw).matches()) {
            long id = Long.parseLong(raw);
            if (id > 0 && id <= JobIds.MAX_ID) {
                return Optional.of(id);
            }
        }
        throw ApiException.badRequest(name + " is not a cursor this server handed out");
    }
}
