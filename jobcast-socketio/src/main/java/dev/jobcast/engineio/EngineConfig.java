package dev.jobcast.engineio;

import java.time.Duration;
import java.util.List;

/**
 * Settings of one Engine.IO endpoint: the handshake values the protocol announces
 * (pingInterval, pingTimeout, maxPayload) and the server-side bounds and policies.
 */
public record EngineConfig(
        String path,
        Duration pingInterval,
        Duration pingTimeout,
        Duration upgradeTimeout,
        long maxPayload,
        List<String> allowedOrigins,
        boolean allowPolling,
        boolean allowWebSocket,
        int outboundMaxPackets,
        long outboundMaxBytes,
        int writeBatchPackets) {

    public EngineConfig {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (maxPayload <= 0 || outboundMaxPackets <= 0 || outboundMaxBytes <= 0 || writeBatchPackets <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!allowPolling && !allowWebSocket) {
            throw new IllegalArgumentException("at least one transport must be allowed");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The defaults of the reference server (socket.io 4), any origin allowed. */
    public static EngineConfig defaults(String path) {
        return new EngineConfig(path, Duration.ofSeconds(25), Duration.ofSeconds(20), Duration.ofSeconds(10),
                1_000_000, List.of("*"), true, true, 1024, 8L * 1024 * 1024, 64);
    }

    public EngineConfig withHeartbeat(Duration interval, Duration timeout) {
        return new EngineConfig(path, interval, timeout, upgradeTimeout, maxPayload, allowedOrigins,
                allowPolling, allowWebSocket, outboundMaxPackets, outboundMaxBytes, writeBatchPackets);
    }

    public EngineConfig withMaxPayload(long bytes) {
        return new EngineConfig(path, pingInterval, pingTimeout, upgradeTimeout, bytes, allowedOrigins,
                allowPolling, allowWebSocket, outboundMaxPackets, outboundMaxBytes, writeBatchPackets);
    }

    public EngineConfig withAllowedOrigins(List<String> origins) {
        return new EngineConfig(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, origins,
                allowPolling, allowWebSocket, outboundMaxPackets, outboundMaxBytes, writeBatchPackets);
    }

    public EngineConfig withTransports(boolean polling, boolean webSocket) {
        return new EngineConfig(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                polling, webSocket, outboundMaxPackets, outboundMaxBytes, writeBatchPackets);
    }

    public EngineConfig withOutboundLimits(int maxPackets, long maxBytes) {
        return new EngineConfig(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                allowPolling, allowWebSocket, maxPackets, maxBytes, writeBatchPackets);
    }

    /** The OPEN packet's JSON for session {@code sid}; a polling session is offered the upgrade. */
    public String handshakeJson(String sid, boolean polling) {
        String upgrades = polling && allowWebSocket ? "[\"websocket\"]" : "[]";
        return "{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades
                + ",\"pingInterval\":" + pingInterval.toMillis()
                + ",\"pingTimeout\":" + pingTimeout.toMillis()
                + ",\"maxPayload\":" + maxPayload + "}";
    }
}
