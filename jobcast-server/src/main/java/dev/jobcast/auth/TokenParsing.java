// Reads the token out of an HTTP Authorization header ("Bearer <token>", RFC 6750).
package dev.jobcast.auth;

import java.util.Optional;

public final class TokenParsing {
    private TokenParsing() {
    }

    /** The token of "Bearer <token>" (scheme in any case); empty for anything else, never an exception. */
    public static Optional<String> bearer(String authorizationHeaderOrNull) {
        if (authorizationHeaderOrNull == null) {
            return Optional.empty();
        }
        String header = authorizationHeaderOrNull.strip();
        String scheme = "Bearer";
        if (header.length() <= scheme.length()
                || !header.regionMatches(true, 0, scheme, 0, scheme.length())
                || !Character.isWhitespace(header.charAt(scheme.length()))) {
            return Optional.empty();
        }
        String token = header.substring(scheme.length()).strip();
        // A token is one word; "Bearer a b" is a confused client, not a token with a space.
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
