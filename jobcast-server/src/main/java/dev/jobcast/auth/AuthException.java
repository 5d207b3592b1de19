// Why a request could not be authenticated: a machine-readable reason plus a message
// that tells a person what to fix ("token expired at ...", "user 42 does not exist").
package dev.jobcast.auth;

public final class AuthException extends Exception {

    public enum Reason {
        MISSING,
        MALFORMED,
        EXPIRED,
        NOT_YET_VALID,
        BAD_SIGNATURE,
        ALGORITHM_NOT_ALLOWED,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        UNKNOWN_USER,
        DISABLED_USER,
        BAD_CLAIMS
    }

    private final Reason reason;

    public AuthException(Reason reason, String message) {
        this(reason, message, null);
    }

    // No stack trace: refusals are ordinary outcomes, and a flood of bad tokens should
    // not cost a stack walk each. The cause, when there is one, keeps the library's detail.
    public AuthException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        if (reason == null) {
            throw new IllegalArgumentException("an AuthException needs a reason");
        }
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "AuthException[" + reason + "]: " + getMessage();
    }
}
