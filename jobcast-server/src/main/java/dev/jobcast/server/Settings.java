package dev.jobcast.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.engineio.EngineConfig;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.socketio.SocketIoConfig;
import dev.jobcast.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * jobcast's settings, read once from HOCON: the defaults built into the jar
 * (conf/application.conf), an optional file of the operator's, then overrides (tests,
 * command-line flags). Environment variables apply through the file's ${?VAR} entries.
 */
public record Settings(
        String host, int port, long maxBodyBytes, String publicUrl, HttpTransport transport,
        Path dataDir, DatabaseSettings database, int dbMaxConnections,
        Auth auth, Jobs jobs, EngineConfig engine, SocketIoConfig socketIo) {

    public record Auth(String jwtSecret, String jwtPublicKeyFile, String issuer, String audience, Duration leeway,
                       Authenticator.Caching caching) {
    }

    public record Jobs(int snapshotEvery, Duration passivateAfter, Duration askTimeout, Duration demoDuration,
                       int demoParallelism, int demoMaxQueued, Duration workerLease, int maxUpdatesPerSecond,
                       int maxJobsPerConnection, WorkerChannel workerChannel) {
    }

    /** The Socket.IO worker channel: each connection's unanswered reports and event allowance. */
    public record WorkerChannel(int maxInFlight, double eventsPerSecond, int burst) {
    }

    /** True on the embedded default (H2 under the data folder): development conveniences are on. */
    public boolean embedded() {
        return database.vendor() == DatabaseSettings.Vendor.H2;
    }

    public String baseUrl() {
        return publicUrl.isBlank() ? "http://localhost:" + port : publicUrl.replaceAll("/+$", "");
    }

    public static Settings load(Path file, Map<String, ?> overrides) {
        Config defaults = ConfigFactory.parseResources("jobcast-defaults/application.conf");
        Config config = ConfigFactory.parseMap(overrides);
        if (file != null) {
            config = config.withFallback(ConfigFactory.parseFile(file.toFile()));
        }
        return from(config.withFallback(defaults).resolve().getConfig("jobcast"));
    }

    static Settings from(Config c) {
        Path dataDir = Path.of(c.getString("data-dir"));
        String dbUrl = c.getString("database.url");
        DatabaseSettings db = dbUrl.isBlank() ? DatabaseSettings.h2(dataDir)
                : DatabaseSettings.postgres(dbUrl, c.getString("database.user"), c.getString("database.password"));
        Auth auth = new Auth(c.getString("auth.jwt-secret"), c.getString("auth.jwt-public-key-file"),
                c.getString("auth.issuer"), c.getString("auth.audience"), c.getDuration("auth.leeway"),
                new Authenticator.Caching(c.getDuration("auth.cache.user-ttl"), c.getInt("auth.cache.max-users"),
                        c.getDuration("auth.cache.token-ttl"), c.getInt("auth.cache.max-tokens")));
        Jobs jobs = new Jobs(c.getInt("jobs.snapshot-every"), c.getDuration("jobs.passivate-after"),
                c.getDuration("jobs.ask-timeout"), c.getDuration("jobs.demo.duration"),
                c.getInt("jobs.demo.parallelism"), c.getInt("jobs.demo.max-queued"),
                c.getDuration("jobs.worker-lease"), c.getInt("jobs.max-updates-per-second"),
                c.getInt("jobs.max-jobs-per-connection"),
                new WorkerChannel(c.getInt("jobs.worker-channel.max-in-flight"),
                        c.getDouble("jobs.worker-channel.inbound-events-per-second"),
                        c.getInt("jobs.worker-channel.inbound-burst")));
        Config io = c.getConfig("socketio");
        EngineConfig engine = EngineConfig.defaults(io.getString("path"))
                .withHeartbeat(io.getDuration("ping-interval"), io.getDuration("ping-timeout"))
                .withMaxPayload(io.getLong("max-payload"))
                .withAllowedOrigins(stringList(io, "allowed-origins"))
                .withOutboundLimits(io.getInt("outbound-max-packets"), io.getLong("outbound-max-bytes"));
        SocketIoConfig.Recovery recovery = new SocketIoConfig.Recovery(io.getBoolean("recovery.enabled"),
                io.getDuration("recovery.max-disconnection"), io.getInt("recovery.max-packets"),
                io.getInt("recovery.max-sessions"));
        SocketIoConfig socketIo = SocketIoConfig.defaults()
                .withConnectTimeout(io.getDuration("connect-timeout"))
                .withInboundRate(io.getDouble("inbound-events-per-second"), io.getInt("inbound-burst"))
                .withRecovery(recovery);
        return new Settings(c.getString("http.host"), c.getInt("http.port"), c.getLong("http.max-body-bytes"),
                c.getString("http.public-url"), HttpTransport.parse(c.getString("http.transport")), dataDir, db, c.getInt("database.max-connections"), auth, jobs,
                engine, socketIo);
    }

    /** A list in the file, or a comma-separated string from an environment variable. */
    private static List<String> stringList(Config c, String path) {
        if (c.getValue(path).valueType() == ConfigValueType.LIST) {
            return c.getStringList(path);
        }
        return Arrays.stream(c.getString(path).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
