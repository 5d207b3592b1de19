package dev.jobcast.jobs;

import java.util.Locale;

/** The life of a job; the last three are final. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The name on the wire: lower case, as the seed's clients expect. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String s) {
        for (JobStatus status : values()) {
            if (status.wire().equals(s)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status: " + s);
    }
}
