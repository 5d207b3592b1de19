// One Engine.IO packet, text or binary (Engine.IO protocol v4, "Protocol" and "Message").
// Text packets always have non-null text; only a binary MESSAGE carries bytes.
package dev.jobcast.engineio.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * @param text   data after the type character ("" when none); null only for binary packets
 * @param binary raw bytes of a binary MESSAGE, otherwise null. Not copied: a broadcast shares
 *               one array between many sessions, so treat it as immutable.
 */
public record EioPacket(EioType type, String text, byte[] binary) {

    public EioPacket {
        Objects.requireNonNull(type, "type");
        if (binary != null) {
            if (type != EioType.MESSAGE) {
                throw new IllegalArgumentException("only MESSAGE packets can be binary, not " + type);
            }
            if (text != null) {
                throw new IllegalArgumentException("a binary packet has no text");
            }
        } else if (text == null) {
            text = "";
        }
    }

    public static EioPacket message(String text) {
        return new EioPacket(EioType.MESSAGE, Objects.requireNonNull(text, "text"), null);
    }

    public static EioPacket message(byte[] data) {
        return new EioPacket(EioType.MESSAGE, null, Objects.requireNonNull(data, "data"));
    }

    public static EioPacket open(String json) {
        return new EioPacket(EioType.OPEN, Objects.requireNonNull(json, "json"), null);
    }

    public static EioPacket close() {
        return new EioPacket(EioType.CLOSE, "", null);
    }

    public static EioPacket ping() {
        return ping("");
    }

    public static EioPacket pong() {
        return pong("");
    }

    /** With data "probe" this is the transport-upgrade probe. */
    public static EioPacket ping(String data) {
        return new EioPacket(EioType.PING, Objects.requireNonNull(data, "data"), null);
    }

    public static EioPacket pong(String data) {
        return new EioPacket(EioType.PONG, Objects.requireNonNull(data, "data"), null);
    }

    public static EioPacket upgrade() {
        return new EioPacket(EioType.UPGRADE, "", null);
    }

    public static EioPacket noop() {
        return new EioPacket(EioType.NOOP, "", null);
    }

    public boolean isBinary() {
        return binary != null;
    }

    // Records compare arrays by identity; packets are values, so compare the bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof EioPacket p
                && type == p.type
                && Objects.equals(text, p.text)
                && Arrays.equals(binary, p.binary);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Objects.hashCode(text)) + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return binary != null
                ? "EioPacket[" + type + ", " + binary.length + " bytes]"
                : "EioPacket[" + type + ", \"" + text + "\"]";
    }
}
