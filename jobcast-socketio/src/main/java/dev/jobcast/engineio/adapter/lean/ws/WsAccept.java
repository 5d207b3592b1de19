package dev.jobcast.engineio.adapter.lean.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The proof of the opening handshake (RFC 6455 section 4.2.2): Sec-WebSocket-Accept is
 * base64(SHA-1(Sec-WebSocket-Key + the GUID of section 1.3)); and which keys are well formed.
 */
public final class WsAccept {
    /** The GUID of section 1.3. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsAccept() {
    }

    /** The Sec-WebSocket-Accept that answers {@code secWebSocketKey}. */
    public static String accept(String secWebSocketKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((secWebSocketKey + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }

    /**
     * Whether a Sec-WebSocket-Key is what section 4.1 asks for: 16 bytes in base64, padding
     * included. A server answers any other key with 400 (section 4.2.1).
     */
    public static boolean isValidKey(String key) {
        // 24 characters decoding to 16 bytes means "==" at the end: a 16-byte value, padded.
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
