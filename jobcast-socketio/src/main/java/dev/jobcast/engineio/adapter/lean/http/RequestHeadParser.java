// An incremental, strict parser of one HTTP/1.x request head (RFC 9112 sections 2-6, the
// subset the lean transport needs); anything else is refused with the status to answer.
package dev.jobcast.engineio.adapter.lean.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Feed it the connection's bytes as they come; it consumes them up to the blank line that
 * ends the head and leaves the rest (a body, the next request) in the buffer. It holds at
 * most the head limit of bytes, never throws on any input, and stays failed once it fails.
 * Not thread-safe: one parser per connection, reset for each request.
 */
public final class RequestHeadParser {

    public static final int DEFAULT_MAX_HEAD_BYTES = 8192;
    public static final int DEFAULT_MAX_FIELDS = 64;

    /** What a feed came to: more bytes needed, a complete head, or a refusal. */
    public sealed interface Result permits NeedMore, Complete, Failed {
        NeedMore NEED_MORE = new NeedMore();
    }

    public record NeedMore() implements Result {
    }

    public record Complete(RequestHead head) implements Result {
    }

    /** @param status the status to answer before closing: 400, 414, 431, 501 or 505 */
    public record Failed(int status, String reason) implements Result {
    }

    // Above this the line buffer is dropped on reset, so idle keep-alive connections stay small.
    private static final int KEPT_CAPACITY = 512;
    private static final byte[] EMPTY = {};

    private enum State { FIRST_LINE, REQUEST_LINE, FIELDS, DONE }

    private final int maxHeadBytes;
    private final FieldLines fields;

    private State state;
    private Result result;
    private byte[] line = EMPTY;
    private int lineLength;
    private boolean afterCr;
    private int headBytes;
    private RequestLine requestLine;

    public RequestHeadParser() {
        this(DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_FIELDS);
    }

    /**
     * @param maxHeadBytes the longest head accepted, request-line to blank line inclusive
     * @param maxFields    the most header field lines accepted
     */
    public RequestHeadParser(int maxHeadBytes, int maxFields) {
        if (maxHeadBytes < 16 || maxFields < 1) {
            throw new IllegalArgumentException("limits too small: " + maxHeadBytes + " bytes, " + maxFields + " fields");
        }
        this.maxHeadBytes = maxHeadBytes;
        this.fields = new FieldLines(maxFields);
        reset();
    }

    /** Forgets the head parsed (or refused) so far, for the next request on the connection. */
    public void reset() {
        state = State.FIRST_LINE;
        result = Result.NEED_MORE;
        if (line.length > KEPT_CAPACITY) {
            line = EMPTY;
        }
        lineLength = 0;
        afterCr = false;
        headBytes = 0;
        requestLine = null;
        fields.clear();
    }

    /**
     * Consumes bytes from {@code in}'s position. Once complete, the position is just past the
     * head's final CRLF CRLF; after a failure it is unspecified, since the connection is to be
     * closed. A parser that has completed or failed consumes nothing more and answers the same
     * result until reset.
     */
    public Result feed(ByteBuffer in) {
        if (state == State.DONE) {
            return result;
        }
        try {
            while (in.hasRemaining()) {
                if (headBytes == maxHeadBytes) {
                    // Refused before the byte is taken, so nothing past the limit is ever held.
                    throw tooLarge();
                }
                int b = in.get() & 0xFF;
                headBytes++;
                if (afterCr) {
                    if (b != '\n') {
                        throw Rejection.badRequest("CR not followed by LF");
                    }
                    afterCr = false;
                    endLine();
                    if (state == State.DONE) {
                        return result;
                    }
                } else if (b == '\r') {
                    afterCr = true;
                } else if (b == '\n') {
                    throw Rejection.badRequest("line ends with a bare LF");
                } else {
                    append(b);
                }
            }
            return Result.NEED_MORE;
        } catch (Rejection r) {
            return fail(new Failed(r.status, r.getMessage()));
        } catch (RuntimeException e) {
            // A bug must not reach the connection as an exception: the peer just gets a 400.
            return fail(new Failed(400, "unparseable request head"));
        }
    }

    /** The head bytes taken so far for the current request, never more than the limit. */
    public int buffered() {
        return headBytes;
    }

    /** The capacity of the line buffer, for tests that check it stays within the limit. */
    int lineCapacity() {
        return line.length;
    }

    private Result fail(Failed failed) {
        state = State.DONE;
        result = failed;
        line = EMPTY;
        fields.clear();
        return failed;
    }

    private Rejection tooLarge() {
        if (state == State.FIELDS) {
            return new Rejection(431, "request head too large");
        }
        // Still in the request-line: past the method it is the target that is too long.
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ' ') {
                return new Rejection(414, "request-target too long");
            }
        }
        return Rejection.badRequest("request-line too long");
    }

    private void append(int b) throws Rejection {
        boolean ok = state == State.FIELDS
                // Field values may carry HTAB and obs-text; no other control character.
                ? b == '\t' || (b >= 0x20 && b != 0x7F)
                // The request-line is visible ASCII and spaces only.
                : b >= 0x20 && b < 0x7F;
        if (!ok) {
            throw Rejection.badRequest(state == State.FIELDS
                    ? "control character in a header field"
                    : "control or non-ASCII byte in the request-line");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxHeadBytes, Math.max(64, line.length * 2)));
        }
        line[lineLength++] = (byte) b;
    }

    private void endLine() throws Rejection {
        int length = lineLength;
        lineLength = 0;
        if (state == State.FIELDS) {
            if (length > 0) {
                fields.add(line, length);
            } else {
                complete();
            }
            return;
        }
        if (length == 0) {
            if (state == State.REQUEST_LINE) {
                throw Rejection.badRequest("empty request-line");
            }
            // RFC 9112 section 2.2: one empty line before a request is tolerated, and not
            // counted in the head, so a keep-alive client's stray CRLF is harmless.
            state = State.REQUEST_LINE;
            headBytes = 0;
            return;
        }
        requestLine = RequestLine.parse(new String(line, 0, length, StandardCharsets.US_ASCII));
        state = State.FIELDS;
    }

    private void complete() throws Rejection {
        if (requestLine.minorVersion() == 1 && !fields.hasHost()) {
            throw Rejection.badRequest("HTTP/1.1 request without Host");
        }
        RequestTarget t = requestLine.parsedTarget();
        RequestHead head = new RequestHead(requestLine.method(), requestLine.target(), t.path(), t.query(),
                fields.fields(), requestLine.minorVersion(), fields.contentLength(), headBytes);
        state = State.DONE;
        result = new Complete(head);
        fields.clear();
    }
}
