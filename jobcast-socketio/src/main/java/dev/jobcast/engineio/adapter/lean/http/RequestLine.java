// The request-line, method SP request-target SP HTTP-version (RFC 9112 section 3), held to
// single spaces, a token method and HTTP/1.0 or HTTP/1.1 (RFC 9112 section 2.3).
package dev.jobcast.engineio.adapter.lean.http;

import java.util.regex.Pattern;

record RequestLine(String method, String target, int minorVersion, RequestTarget parsedTarget) {

    private static final Pattern OTHER_VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    /** Parses a line already known to be visible ASCII and spaces, without its CRLF. */
    static RequestLine parse(String line) throws Rejection {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        // A missing version (HTTP/0.9), doubled or trailing spaces all fall here.
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw Rejection.badRequest("request-line is not method SP target SP version");
        }
        String method = line.substring(0, sp1);
        if (!Syntax.isToken(method)) {
            throw Rejection.badRequest("method is not a token");
        }
        // The version first: what a target means depends on it.
        String version = line.substring(sp2 + 1);
        int minor;
        if (version.equals("HTTP/1.1")) {
            minor = 1;
        } else if (version.equals("HTTP/1.0")) {
            minor = 0;
        } else if (OTHER_VERSION.matcher(version).matches()) {
            throw new Rejection(505, "HTTP version not supported");
        } else {
            throw Rejection.badRequest("not an HTTP version");
        }
        String target = line.substring(sp1 + 1, sp2);
        if (target.isEmpty()) {
            throw Rejection.badRequest("empty request-target");
        }
        return new RequestLine(method, target, minor, RequestTarget.parse(method, target));
    }
}
