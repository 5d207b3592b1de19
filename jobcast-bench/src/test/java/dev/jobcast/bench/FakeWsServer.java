package dev.jobcast.bench;

import dev.jobcast.engineio.adapter.lean.ws.WsAccept;
import dev.jobcast.engineio.adapter.lean.ws.WsFrameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket server for tests of the client, one blocking socket at a time, driven by the
 * test step by step: it reads the client's request and frames and writes what it is told.
 */
final class FakeWsServer implements AutoCloseable {

    /** A frame from the client, unmasked. */
    record Frame(int opcode, boolean fin, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    private final ServerSocket server;

    FakeWsServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout(10_000);
    }

    int port() {
        return server.getLocalPort();
    }

    Peer accept() throws IOException {
        Socket s = server.accept();
        s.setSoTimeout(10_000);
        return new Peer(s);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One accepted client. */
    static final class Peer implements AutoCloseable {
        final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The request head, up to its blank line. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("EOF in the request head");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        static String keyOf(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            throw new AssertionError("no key in " + head);
        }

        /** Reads the request and answers it with a right 101, then {@code more} in the same write. */
        String upgrade(byte[] more) throws IOException {
            String head = readHead();
            String answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + WsAccept.accept(keyOf(head)) + "\r\n\r\n";
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(answer.getBytes(StandardCharsets.ISO_8859_1));
            all.writeBytes(more);
            write(all.toByteArray());
            return head;
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** A server frame (unmasked). */
        void send(int opcode, boolean fin, byte[] payload) throws IOException {
            write(frame(opcode, fin, payload));
        }

        static byte[] frame(int opcode, boolean fin, byte[] payload) {
            return WsFrameEncoder.frameBytes(opcode, fin, payload, 0, payload.length, false, 0);
        }

        Frame readFrame() throws IOException {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            boolean masked = (b1 & 0x80) != 0;
            int key = masked ? in.readInt() : 0;
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (masked) {
                WsFrameEncoder.mask(payload, 0, payload.length, key, 0);
            }
            return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, masked, payload);
        }

        /** True once the client closed its side. */
        boolean atEof() throws IOException {
            InputStream i = in;
            try {
                return i.read() < 0;
            } catch (IOException e) {
                // A reset is the end too.
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
