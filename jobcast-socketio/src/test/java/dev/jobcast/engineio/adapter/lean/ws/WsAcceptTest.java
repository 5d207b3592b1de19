package dev.jobcast.engineio.adapter.lean.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server's side of the opening handshake's proof (RFC 6455 sections 1.3, 4.1, 4.2). */
class WsAcceptTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void theAcceptOfTheRfcExample() {
        // Sections 1.3 and 4.2.2 (checked with python's hashlib and openssl too).
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsAccept.accept(KEY));
    }

    @Test
    void aKeyIsSixteenBytesInPaddedBase64() {
        assertTrue(WsAccept.isValidKey(KEY));
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            assertTrue(WsAccept.isValidKey(Base64.getEncoder().encodeToString(nonce)));
        }
    }

    @Test
    void otherKeysAreRefused() {
        assertFalse(WsAccept.isValidKey(null));
        assertFalse(WsAccept.isValidKey(""));
        assertFalse(WsAccept.isValidKey(Base64.getEncoder().encodeToString(new byte[15])), "15 bytes");
        assertFalse(WsAccept.isValidKey(Base64.getEncoder().encodeToString(new byte[17])), "17 bytes");
        assertFalse(WsAccept.isValidKey(Base64.getEncoder().encodeToString(new byte[18])), "18 bytes, 24 characters");
        assertFalse(WsAccept.isValidKey("dGhlIHNhbXBsZSBub25jZQ"), "16 bytes without the padding");
        assertFalse(WsAccept.isValidKey(" dGhlIHNhbXBsZSBub25jZQ="), "a space inside");
        assertFalse(WsAccept.isValidKey("dGhlIHNhbXBsZSBub25jZQ=="
                .replace('G', '-')), "not the base64 alphabet");
        assertFalse(WsAccept.isValidKey("dGhlIHNhbXBsZSBub25jZ===")); // padding where data should be
    }
}
