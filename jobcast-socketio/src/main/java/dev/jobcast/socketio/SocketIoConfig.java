package dev.jobcast.socketio;

import java.time.Duration;

/**
 * Settings of the Socket.IO layer. Recovery is off unless configured, as in socket.io,
 * because it changes the CONNECT reply and appends an offset to every event.
 */
public record SocketIoConfig(
        Duration connectTimeout,
        int maxAttachments,
        double inboundEventsPerSecond,
        int inboundBurst,
        int maxPendingAcks,
        Recovery recovery) {

    /** Connection state recovery (socket.io 4.6+): how long and how much is kept. */
    public record Recovery(boolean enabled, Duration maxDisconnectionDuration, int maxPackets, int maxSessions) {
        public static Recovery off() {
            return new Recovery(false, Duration.ofMinutes(2), 10_000, 10_000);
        }

        public static Recovery on(Duration window) {
            return new Recovery(true, window, 10_000, 10_000);
        }
    }

    public SocketIoConfig {
        if (maxAttachments < 0 || inboundEventsPerSecond <= 0 || inboundBurst <= 0 || maxPendingAcks <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static SocketIoConfig defaults() {
        return new SocketIoConfig(Duration.ofSeconds(45), 10, 100, 200, 1000, Recovery.off());
    }

    public SocketIoConfig withConnectTimeout(Duration timeout) {
        return new SocketIoConfig(timeout, maxAttachments, inboundEventsPerSecond, inboundBurst, maxPendingAcks, recovery);
    }

    public SocketIoConfig withRecovery(Recovery r) {
        return new SocketIoConfig(connectTimeout, maxAttachments, inboundEventsPerSecond, inboundBurst, maxPendingAcks, r);
    }

    public SocketIoConfig withInboundRate(double perSecond, int burst) {
        return new SocketIoConfig(connectTimeout, maxAttachments, perSecond, burst, maxPendingAcks, recovery);
    }
}
