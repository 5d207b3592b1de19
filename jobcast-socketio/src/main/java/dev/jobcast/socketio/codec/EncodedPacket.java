// The Engine.IO messages one Socket.IO packet becomes (Socket.IO protocol v5, "Format":
// "+ binary attachments extracted"); built once so a broadcast can send it to many sockets.
package dev.jobcast.socketio.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * @param text        the first Engine.IO message (without the Engine.IO "4" prefix)
 * @param attachments one binary Engine.IO message each, in order; arrays are shared, not copied
 */
public record EncodedPacket(String text, List<byte[]> attachments) {

    public EncodedPacket {
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    // Record equality would compare the arrays by identity; compare their contents.
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EncodedPacket e) || !text.equals(e.text)
                || attachments.size() != e.attachments.size()) {
            return false;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (!Arrays.equals(attachments.get(i), e.attachments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = text.hashCode();
        for (byte[] a : attachments) {
            h = 31 * h + Arrays.hashCode(a);
        }
        return h;
    }

    @Override
    public String toString() {
        return "EncodedPacket[" + text + " + " + attachments.size() + " attachment(s)]";
    }
}
