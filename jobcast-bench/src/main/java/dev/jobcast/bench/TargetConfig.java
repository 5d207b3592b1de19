package dev.jobcast.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The Pekko settings of the bench target. The library's HTTP settings are the ones the
 * service uses; on top of them, limits sized for many idle connections, and the dispatcher.
 *
 * <p>Dispatcher: Pekko's default fork-join pool has at least 8 threads whatever the cores, so
 * a server pinned to one core time-slices 8 threads over it. The target runs by default
 * with as many threads as cores (the JVM sees the taskset mask) and lets an actor handle up
 * to 32 messages before yielding its thread: a session actor that got several deliveries
 * while its socket was busy then hands them to the socket as one batch. Both can be set.
 */
record TargetConfig(int threads, int throughput, int maxConnections) {
    /** The server's HTTP settings, as the service itself uses them. */
    static final String HTTP_SETTINGS = "jobcast-http.conf";

    static TargetConfig defaults() {
        return new TargetConfig(Runtime.getRuntime().availableProcessors(), 32, 32_768);
    }

    /** @param threads 0 keeps Pekko's default pool size; @param throughput 0 keeps Pekko's 5 */
    TargetConfig {
        if (threads < 0 || throughput < 0 || maxConnections < 1) {
            throw new IllegalArgumentException("threads and throughput must be >= 0, maxConnections >= 1");
        }
    }

    Config toConfig() {
        StringBuilder s = new StringBuilder("""
                pekko.loglevel = "WARNING"
                # Pekko refuses connections past this (1024 by default).
                pekko.http.server.max-connections = %d
                # Accept queue during a connect ramp (the kernel caps it at somaxconn).
                pekko.http.server.backlog = 4096
                """.formatted(maxConnections));
        if (threads > 0) {
            for (String d : new String[] {"default-dispatcher", "internal-dispatcher"}) {
                s.append("pekko.actor.").append(d).append(".fork-join-executor { parallelism-min = ")
                        .append(threads).append(", parallelism-factor = 1.0, parallelism-max = ")
                        .append(threads).append(" }\n");
            }
        }
        if (throughput > 0) {
            s.append("pekko.actor.default-dispatcher.throughput = ").append(throughput).append('\n');
        }
        return ConfigFactory.parseString(s.toString())
                .withFallback(ConfigFactory.parseResources(HTTP_SETTINGS))
                .withFallback(ConfigFactory.defaultReference());
    }

    /** One line for logs and reports. */
    String describe() {
        return "dispatcher threads " + (threads == 0 ? "pekko default" : threads)
                + ", throughput " + (throughput == 0 ? "pekko default (5)" : throughput)
                + ", max-connections " + maxConnections;
    }
}
