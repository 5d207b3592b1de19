// The character classes of RFC 9110 section 5.6 (token, list elements) and RFC 3986
// section 2-3 (pchar, query) that the parser and the response writer both judge by.
package dev.jobcast.engineio.adapter.lean.http;

final class Syntax {

    private static final boolean[] TCHAR = new boolean[128];
    private static final boolean[] PCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
            PCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            PCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
            PCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        // unreserved, sub-delims, ':' and '@'; '%' only as the start of an escape, checked apart.
        for (char c : "-._~!$&'()*+,;=:@".toCharArray()) {
            PCHAR[c] = true;
        }
    }

    private Syntax() {
    }

    static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A pchar other than a percent escape (RFC 3986 section 3.3). */
    static boolean isPcharLiteral(int c) {
        return c >= 0 && c < 128 && PCHAR[c];
    }

    static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Whether a comma-separated list value (RFC 9110 section 5.6.1) holds {@code token},
     * compared case-insensitively as Connection options and Upgrade protocols are.
     */
    static boolean listHas(String list, String token) {
        int from = 0;
        while (from <= list.length()) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? list.length() : comma;
            if (trimOws(list, from, end).equalsIgnoreCase(token)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            from = comma + 1;
        }
        return false;
    }

    private static String trimOws(String s, int from, int to) {
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isOws(int c) {
        return c == ' ' || c == '\t';
    }
}
