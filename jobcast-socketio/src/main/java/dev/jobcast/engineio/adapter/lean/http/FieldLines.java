// The header section as it arrives, one field line at a time (RFC 9112 section 5), with
// the fields that frame a request checked as they come: Host (RFC 9112 section 3.2),
// Content-Length (RFC 9112 section 6.3) and Transfer-Encoding (RFC 9112 section 6.1).
package dev.jobcast.engineio.adapter.lean.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

final class FieldLines {

    // RFC 9110 section 7.2: uri-host [":" port]; an empty Host is what a client sends when
    // the target has no authority. IPvFuture is left out: no client of ours sends it.
    private static final Pattern HOST = Pattern.compile(
            "(?:\\[[0-9A-Fa-f:.]+(?:%25[A-Za-z0-9._~-]+)?]|(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!$&'()*+,;=-])*)"
                    + "(?::[0-9]*)?");

    private final int maxFields;
    private final List<Header> fields = new ArrayList<>();
    private boolean hasHost;
    private boolean hasContentLength;
    private long contentLength;

    FieldLines(int maxFields) {
        this.maxFields = maxFields;
    }

    void clear() {
        fields.clear();
        hasHost = false;
        hasContentLength = false;
        contentLength = 0;
    }

    List<Header> fields() {
        return fields;
    }

    boolean hasHost() {
        return hasHost;
    }

    long contentLength() {
        return contentLength;
    }

    /**
     * Adds a non-empty field line without its CRLF, whose bytes are already known to be
     * free of controls other than HTAB.
     */
    void add(byte[] line, int length) throws Rejection {
        if (line[0] == ' ' || line[0] == '\t') {
            // obs-fold (RFC 9112 section 5.2), or whitespace before the first field (section 2.2).
            throw Rejection.badRequest("header line starts with whitespace");
        }
        if (fields.size() == maxFields) {
            throw new Rejection(431, "too many header fields");
        }
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            // Whitespace before the colon falls here too (RFC 9112 section 5.1).
            if (!Syntax.isTchar(line[colon])) {
                throw Rejection.badRequest("invalid header field name");
            }
            colon++;
        }
        if (colon == 0 || colon == length) {
            throw Rejection.badRequest("header line without name and colon");
        }
        int from = colon + 1;
        int to = length;
        while (from < to && Syntax.isOws(line[from])) {
            from++;
        }
        while (to > from && Syntax.isOws(line[to - 1])) {
            to--;
        }
        String name = new String(line, 0, colon, StandardCharsets.US_ASCII);
        String value = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        fields.add(new Header(name, value));
        if (name.equalsIgnoreCase("Host")) {
            if (hasHost) {
                throw Rejection.badRequest("more than one Host");
            }
            if (!HOST.matcher(value).matches()) {
                throw Rejection.badRequest("invalid Host");
            }
            hasHost = true;
        } else if (name.equalsIgnoreCase("Content-Length")) {
            // Two lengths, even equal ones, are how requests get smuggled: refused outright.
            if (hasContentLength) {
                throw Rejection.badRequest("more than one Content-Length");
            }
            contentLength = parseLength(value);
            hasContentLength = true;
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
            // A server that does not understand a transfer coding answers 501; the lean path
            // reads no chunked bodies, so it understands none.
            throw new Rejection(501, "Transfer-Encoding not implemented");
        }
    }

    private static long parseLength(String value) throws Rejection {
        // 18 digits always fit a long; no client of ours sends a longer body.
        if (value.isEmpty() || value.length() > 18) {
            throw Rejection.badRequest("invalid Content-Length");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw Rejection.badRequest("invalid Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
