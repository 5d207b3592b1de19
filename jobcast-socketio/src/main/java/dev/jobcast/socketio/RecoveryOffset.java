package dev.jobcast.socketio;

import dev.jobcast.engineio.codec.EioPacket;
import dev.jobcast.socketio.recovery.RecoveryStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offset a socket appends to each event when connection state recovery is on: what the
 * client has once it holds this event. The client echoes the last one it got when it comes
 * back, so the offset alone says where to resume:
 * <ul>
 *   <li>{@code packet}: the last stored packet (direct emits and plain broadcasts, kept in
 *   the {@link RecoveryStore}) this socket was sent;</li>
 *   <li>{@code streams}: per ordered stream, the highest item this socket was sent (the
 *   application replays the rest of a stream from where it keeps it, a journal).</li>
 * </ul>
 * The offset is per socket, so a cut in the middle of a replay, or while a stream is held,
 * still resumes exactly. Text form: {@code epoch.packet(~key.order)*}, numbers in base 36,
 * keys percent-escaped outside {@code [A-Za-z0-9_:-]}. Pure.
 */
public record RecoveryOffset(String epoch, long packet, Map<String, Long> streams) {
    /** Longest offset text accepted from a client. */
    public static final int MAX_CHARS = 8192;
    /** Most streams one offset may name. */
    public static final int MAX_STREAMS = 256;

    public RecoveryOffset {
        streams = Map.copyOf(streams);
    }

    /** The text of an offset; {@code streams} is read as it is now. */
    public static String format(String epoch, long packet, Map<String, Long> streams) {
        StringBuilder b = new StringBuilder(epoch.length() + 8 + streams.size() * 16);
        b.append(epoch).append('.').append(Long.toString(packet, 36));
        for (Map.Entry<String, Long> e : streams.entrySet()) {
            b.append('~');
            escape(e.getKey(), b);
            b.append('.').append(Long.toString(e.getValue(), 36));
        }
        return b.toString();
    }

    public String format() {
        return format(epoch, packet, streams);
    }

    /** The offset, if {@code text} is a well-formed one of {@code epoch}; empty otherwise. */
    public static Optional<RecoveryOffset> parse(String epoch, String text) {
        if (text == null || text.length() > MAX_CHARS || !text.startsWith(epoch + ".")) {
            return Optional.empty();
        }
        String[] parts = text.substring(epoch.length() + 1).split("~", -1);
        if (parts.length - 1 > MAX_STREAMS) {
            return Optional.empty();
        }
        Long packet = number(parts[0]);
        if (packet == null) {
            return Optional.empty();
        }
        Map<String, Long> streams = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int dot = parts[i].lastIndexOf('.');
            String key = dot <= 0 ? null : unescape(parts[i].substring(0, dot));
            Long order = dot <= 0 ? null : number(parts[i].substring(dot + 1));
            if (key == null || order == null || streams.put(key, order) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new RecoveryOffset(epoch, packet, streams));
    }

    /**
     * The frames of an encoded event with {@code offset} appended as its last argument
     * (the first frame's text ends with the closing bracket of the arguments array). The
     * attachments are shared, not copied.
     */
    public static List<EioPacket> appendTo(List<EioPacket> frames, String offset) {
        String text = frames.get(0).text();
        if (text == null || !text.endsWith("]")) {
            throw new IllegalArgumentException("not an encoded event: " + text);
        }
        EioPacket first = EioPacket.message(text.substring(0, text.length() - 1) + ",\"" + offset + "\"]");
        if (frames.size() == 1) {
            return List.of(first);
        }
        List<EioPacket> out = new ArrayList<>(frames);
        out.set(0, first);
        return out;
    }

    private static Long number(String s) {
        if (s.isEmpty() || s.length() > 13) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z')) {
                return null;
            }
        }
        return Long.parseLong(s, 36);
    }

    private static boolean plain(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-';
    }

    static void escape(String key, StringBuilder out) {
        for (int i = 0; i < key.length(); i++) {
            if (!plain(key.charAt(i))) {
                for (byte x : key.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    if (plain(x)) {
                        out.append((char) x);
                    } else {
                        out.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                                .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
                    }
                }
                return;
            }
            out.append(key.charAt(i));
        }
    }

    private static String unescape(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (plain(c)) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
