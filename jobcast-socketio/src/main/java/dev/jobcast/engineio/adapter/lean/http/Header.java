// One header field line, name as sent and value trimmed of OWS (RFC 9110 section 5,
// RFC 9112 section 5): in a parsed request, or in a response to write.
package dev.jobcast.engineio.adapter.lean.http;

import java.util.Objects;

/**
 * @param name  the field name, case as sent (names compare case-insensitively)
 * @param value the field value; in a request, obs-text bytes are decoded as ISO-8859-1
 */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
