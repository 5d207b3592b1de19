// The request-target forms the lean path accepts (RFC 9112 section 3.2: origin-form, and
// asterisk-form for OPTIONS) split into a decoded path (RFC 3986 section 3.3) and query
// parameters decoded as application/x-www-form-urlencoded (WHATWG URL, section 5.1).
package dev.jobcast.engineio.adapter.lean.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

record RequestTarget(String path, Map<String, String> query) {

    /**
     * Parses a request-target already known to be visible ASCII. Characters RFC 3986 does
     * not allow unescaped (such as '"', '{', '#' or '\') are refused rather than guessed at.
     */
    static RequestTarget parse(String method, String target) throws Rejection {
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw Rejection.badRequest("asterisk-form is only for OPTIONS");
            }
            return new RequestTarget("*", Collections.emptyMap());
        }
        if (target.isEmpty() || target.charAt(0) != '/') {
            throw Rejection.badRequest("request-target not in origin-form");
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        checkChars(rawPath, false);
        String path = decode(rawPath, false);
        if (q < 0) {
            return new RequestTarget(path, Collections.emptyMap());
        }
        String rawQuery = target.substring(q + 1);
        checkChars(rawQuery, true);
        return new RequestTarget(path, parseQuery(rawQuery));
    }

    private static void checkChars(String s, boolean query) throws Rejection {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !Syntax.isHex(s.charAt(i + 1)) || !Syntax.isHex(s.charAt(i + 2))) {
                    throw Rejection.badRequest("invalid percent escape in request-target");
                }
                i += 2;
            } else if (!Syntax.isPcharLiteral(c) && c != '/' && !(query && c == '?')) {
                throw Rejection.badRequest("invalid character in request-target");
            }
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) throws Rejection {
        Map<String, String> params = new LinkedHashMap<>();
        int from = 0;
        while (from <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', from);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > from) {
                String pair = rawQuery.substring(from, end);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                params.putIfAbsent(name, value);
            }
            from = end + 1;
        }
        return params;
    }

    /** Percent-decodes checked ASCII as UTF-8; malformed UTF-8 is refused, not replaced. */
    private static String decode(String s, boolean plusIsSpace) throws Rejection {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                bytes.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Rejection.badRequest("request-target escapes are not UTF-8");
        }
    }
}
