package dev.jobcast.api;

/** Who may call an endpoint. The router enforces it, so no handler can forget to. */
public enum Access {
    /** No token needed (probes, metrics scrapers, the API description). */
    PUBLIC,
    /** Any valid token; what it sees is scoped to the token's user. */
    USER,
    /** A valid token with role {@code worker}: external workers reporting on jobs they run. */
    WORKER,
    /** A valid token with role {@code admin}: operations views that name other users. */
    ADMIN
}
