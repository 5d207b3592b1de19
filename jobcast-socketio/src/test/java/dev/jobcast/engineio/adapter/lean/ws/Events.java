package dev.jobcast.engineio.adapter.lean.ws;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A sink for tests: what a decoder delivered, in order, as strings easy to compare. */
final class Events implements WsFrameDecoder.Sink {
    final List<String> log = new ArrayList<>();

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void onText(String text) {
        log.add("text:" + text);
    }

    @Override
    public void onBinary(byte[] data) {
        log.add("binary:" + hex(data));
    }

    @Override
    public void onPing(byte[] payload) {
        log.add("ping:" + hex(payload));
    }

    @Override
    public void onPong(byte[] payload) {
        log.add("pong:" + hex(payload));
    }

    @Override
    public void onClose(int code, String reason) {
        log.add("close:" + code + ":" + reason);
    }
}
