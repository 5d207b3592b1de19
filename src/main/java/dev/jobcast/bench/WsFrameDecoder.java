package dev.jobcast.bench;

import static dev.jobcast.bench.WsFrameEncoder.BINARY;
import static dev.jobcast.bench.WsFrameEncoder.CLOSE;
import static dev.jobcast.bench.WsFrameEncoder.CONTINUATION;
import static dev.jobcast.bench.WsFrameEncoder.PING;
import static dev.jobcast.bench.WsFrameEncoder.PONG;
import static dev.jobcast.bench.WsFrameEncoder.TEXT;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The frames a server sends one client (RFC 6455 section 5), decoded from bytes as they
 * arrive, whole messages out: fragmented messages are put together again, up to a bound.
 * No extension is negotiated, so reserved bits are errors; a server must not mask.
 */
final class WsFrameDecoder {

    /** What the frames carry; unsolicited pongs are dropped here. */
    interface Sink {
        void onText(String text);

        void onBinary(byte[] data);

        void onPing(byte[] payload);

        /** @param code the status code, or 1005 when the frame had none */
        void onClose(int code, String reason);
    }

    /** A close frame without a status code (section 7.1.5). */
    static final int NO_STATUS = 1005;
    /** The longest header: 2 bytes, a 64-bit length, no mask. */
    static final int MAX_HEADER = 10;

    private final int maxMessage;
    // The fragmented message under way: its opcode (0: none) and its bytes so far.
    private int fragmentedOpcode;
    private byte[] fragments;
    private int fragmentsLength;

    /** @param maxMessage the most payload bytes one message (all its fragments) may have */
    WsFrameDecoder(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    /**
     * Decodes each complete frame from the buffer's position on, and leaves the position at
     * the start of the first incomplete one.
     *
     * @return 0 when every byte was used; otherwise how many bytes the incomplete frame takes
     *         in all as far as its header tells (more than are there)
     */
    int decode(ByteBuffer in, Sink sink) throws WsProtocolException {
        while (in.hasRemaining()) {
            int start = in.position();
            int available = in.remaining();
            if (available < 2) {
                return 2;
            }
            int b0 = in.get(start) & 0xFF;
            int b1 = in.get(start + 1) & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                throw protocol("reserved bits set without an extension");
            }
            if ((b1 & 0x80) != 0) {
                throw protocol("the server masked a frame");
            }
            checkOpcode(opcode, fin, b1 & 0x7F);
            int header = switch (b1 & 0x7F) {
                case 126 -> 4;
                case 127 -> MAX_HEADER;
                default -> 2;
            };
            if (available < header) {
                return header;
            }
            long length = switch (header) {
                case 4 -> in.getShort(start + 2) & 0xFFFF;
                case MAX_HEADER -> in.getLong(start + 2);
                default -> b1 & 0x7F;
            };
            long message = opcode == CONTINUATION ? fragmentsLength + length : length;
            if (length < 0 || message > maxMessage) {
                throw new WsProtocolException(WsProtocolException.TOO_BIG, "a message of "
                        + (length < 0 ? "over 2^63" : String.valueOf(message)) + " bytes, more than the "
                        + maxMessage + " this client takes");
            }
            int total = header + (int) length;
            if (available < total) {
                return total;
            }
            in.position(start + total);
            onFrame(opcode, fin, in, start + header, (int) length, sink);
        }
        return 0;
    }

    private void checkOpcode(int opcode, boolean fin, int length7) throws WsProtocolException {
        switch (opcode) {
            case CONTINUATION -> {
                if (fragmentedOpcode == 0) {
                    throw protocol("a continuation frame without a message to continue");
                }
            }
            case TEXT, BINARY -> {
                if (fragmentedOpcode != 0) {
                    throw protocol("a new message before the fragmented one ended");
                }
            }
            case CLOSE, PING, PONG -> {
                if (!fin) {
                    throw protocol("a fragmented control frame");
                }
                if (length7 > 125) {
                    throw protocol("a control frame longer than 125 bytes");
                }
            }
            default -> throw protocol("unknown opcode " + opcode);
        }
    }

    private void onFrame(int opcode, boolean fin, ByteBuffer in, int at, int length, Sink sink)
            throws WsProtocolException {
        switch (opcode) {
            case TEXT, BINARY -> {
                if (fin) {
                    deliver(opcode, bytesOf(in, at, length), arrayOffset(in, at), length, sink);
                } else {
                    fragmentedOpcode = opcode;
                    fragmentsLength = 0;
                    append(in, at, length);
                }
            }
            case CONTINUATION -> {
                append(in, at, length);
                if (fin) {
                    byte[] whole = fragments;
                    int wholeLength = fragmentsLength;
                    int wholeOpcode = fragmentedOpcode;
                    // Dropped, not kept for the next message: most connections never fragment.
                    fragments = null;
                    fragmentsLength = 0;
                    fragmentedOpcode = 0;
                    deliver(wholeOpcode, whole, 0, wholeLength, sink);
                }
            }
            case PING -> sink.onPing(copy(in, at, length));
            case CLOSE -> onClose(copy(in, at, length), sink);
            default -> {
                // PONG: this client pings never, so a pong is unsolicited, and ignored (5.5.3).
            }
        }
    }

    private static void onClose(byte[] payload, Sink sink) throws WsProtocolException {
        if (payload.length == 0) {
            sink.onClose(NO_STATUS, "");
        } else if (payload.length == 1) {
            throw protocol("a close frame with a one-byte payload");
        } else {
            int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            sink.onClose(code, utf8(payload, 2, payload.length - 2));
        }
    }

    private static void deliver(int opcode, byte[] data, int off, int length, Sink sink) throws WsProtocolException {
        if (opcode == TEXT) {
            sink.onText(utf8(data, off, length));
        } else {
            sink.onBinary(off == 0 && length == data.length ? data : Arrays.copyOfRange(data, off, off + length));
        }
    }

    private void append(ByteBuffer in, int at, int length) {
        int needed = fragmentsLength + length;
        if (fragments == null || fragments.length < needed) {
            int size = Math.max(needed, Math.min(maxMessage, Math.max(256, fragmentsLength * 2)));
            fragments = fragments == null ? new byte[size] : Arrays.copyOf(fragments, size);
        }
        in.get(at, fragments, fragmentsLength, length);
        fragmentsLength = needed;
    }

    /** The buffer's backing array when it has one, else a copy of the bytes. */
    private static byte[] bytesOf(ByteBuffer in, int at, int length) {
        return in.hasArray() ? in.array() : copy(in, at, length);
    }

    private static int arrayOffset(ByteBuffer in, int at) {
        return in.hasArray() ? in.arrayOffset() + at : 0;
    }

    private static byte[] copy(ByteBuffer in, int at, int length) {
        byte[] b = new byte[length];
        in.get(at, b, 0, length);
        return b;
    }

    /** Text must be UTF-8 (8.1); ASCII, the common case, is taken as is without a decoder. */
    static String utf8(byte[] data, int off, int length) throws WsProtocolException {
        for (int i = off; i < off + length; i++) {
            if (data[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data, off, length)).toString();
                } catch (CharacterCodingException e) {
                    throw new WsProtocolException(WsProtocolException.NOT_UTF8, "text that is not UTF-8");
                }
            }
        }
        return new String(data, off, length, StandardCharsets.ISO_8859_1);
    }

    private static WsProtocolException protocol(String message) {
        return new WsProtocolException(WsProtocolException.PROTOCOL_ERROR, message);
    }
}
