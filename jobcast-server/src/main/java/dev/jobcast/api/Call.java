package dev.jobcast.api;

import dev.jobcast.auth.Principal;
import dev.jobcast.jobs.JobIds;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One request as a handler sees it: the endpoint, the path's variables and, unless the
 * endpoint is public, the authenticated caller.
 */
public record Call(Endpoint endpoint, Map<String, String> pathVariables, Principal caller) {

    // Canonical decimal only: "007", "+7", "7.0" and "1e3" are not ids.
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,15}");

    public Principal caller() {
        if (caller == null) {
            throw new IllegalStateException(endpoint + " is public and has no caller");
        }
        return caller;
    }

    /** The {id} of the path: a positive integer below 2^53, else 400. */
    public long jobId() {
        String raw = pathVariables.get("id");
        if (raw == null) {
            throw new IllegalStateException(endpoint + " has no {id} in its path");
        }
        if (ID.matcher(raw).matches()) {
            long id = Long.parseLong(raw);
            if (id <= JobIds.MAX_ID) {
                return id;
            }
        }
        throw ApiException.badRequest("job id must be a positive integer below 2^53, got \"" + cut(raw) + "\"");
    }

    private static String cut(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
