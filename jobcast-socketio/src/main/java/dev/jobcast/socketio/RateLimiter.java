package dev.jobcast.socketio;

/**
 * A token bucket: {@code burst} events at once, refilled at {@code perSecond}. Time is
 * passed in, so the class is pure and testable without clocks.
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - last);
        last = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * perNano);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
