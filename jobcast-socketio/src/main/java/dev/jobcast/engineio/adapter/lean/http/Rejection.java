// Why a request head is refused, as the status to answer (RFC 9110 section 15) and a short
// reason. Checked and internal, so every refusal is turned into a result before feed returns.
package dev.jobcast.engineio.adapter.lean.http;

final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    Rejection(int status, String reason) {
        // No stack trace: a refusal is an answer to the peer's bytes, not a bug to trace.
        super(reason, null, false, false);
        this.status = status;
    }

    static Rejection badRequest(String reason) {
        return new Rejection(400, reason);
    }
}
