package dev.jobcast.server;

import dev.jobcast.api.dashboard.DashboardRoutes;
import dev.jobcast.auth.Role;
import dev.jobcast.auth.TokenIssuer;
import dev.jobcast.auth.User;
import dev.jobcast.auth.Users;
import dev.jobcast.echo.EchoServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.engineio.port.HttpTransport;
import dev.jobcast.store.Database;
import dev.jobcast.store.Migrations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The subcommands of the jar; each reads the same settings (file, environment, flags). */
public final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

    private Commands() {
    }

    /** Options every subcommand that touches the database takes. */
    static final class Common {
        @Option(names = "--config", description = "A HOCON file layered over the built-in configuration.")
        Path config;

        @Option(names = "--data-dir", description = "Folder of the embedded database and secret (JOBCAST_DATA_DIR, default ./data).")
        Path dataDir;

        Settings settings(Map<String, Object> more) {
            Map<String, Object> overrides = new HashMap<>(more);
            if (dataDir != null) {
                overrides.put("jobcast.data-dir", dataDir.toString());
            }
            return Settings.load(config, overrides);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the jobcast service.")
    public static final class Serve implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--port", description = "HTTP port (JOBCAST_PORT, default 8000).")
        Integer port;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> overrides = new HashMap<>();
            if (port != null) {
                overrides.put("jobcast.http.port", port);
            }
            Settings settings = common.settings(overrides);
            JobcastServer server = JobcastServer.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    LOG.warn("shutdown: {}", e.toString());
                }
            }, "jobcast-shutdown"));
            String base = settings.port() == 0 ? "http://localhost:" + server.port() : settings.baseUrl();
            LOG.info("jobcast listening on {} (Socket.IO at {})", base, settings.engine().path());
            if (settings.embedded()) {
                User demo = DemoUser.ensure(server.users());
                LOG.info("embedded database in {}; demo user {} (id {})", settings.dataDir().toAbsolutePath(),
                        demo.email(), demo.id());
                System.out.println();
                System.out.println("  API:        " + base + "/");
                System.out.println("  Dashboard:  " + (DashboardRoutes.isBuilt() ? base + DashboardRoutes.PATH
                        : "not in this jar (Node.js was missing when it was built)"));
                System.out.println("  Demo token: " + DemoUser.token(server, demo));
                System.out.println();
            }
            server.system().getWhenTerminated().toCompletableFuture().get();
            return 0;
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users.",
            subcommands = {UserAdd.class, UserList.class, UserEnable.class})
    public static final class UserCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "name a subcommand: add, list, enable");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user; prints its id.")
    public static final class UserAdd implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--email", required = true)
        String email;

        @Override
        public Integer call() throws Exception {
            try (Database db = open(common.settings(Map.of()))) {
                System.out.println(new Users(db).add(email).id());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
    public static final class UserList implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            try (Database db = open(common.settings(Map.of()))) {
                for (User u : new Users(db).list()) {
                    System.out.printf("%d\t%s\t%s\t%s%n", u.id(), u.email(), u.enabled() ? "enabled" : "disabled",
                            u.created());
                }
            }
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable or disable a user.")
    public static final class UserEnable implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--id", required = true)
        long id;

        @Option(names = "--disabled", description = "Disable instead.")
        boolean disabled;

        @Override
        public Integer call() throws Exception {
            try (Database db = open(common.settings(Map.of()))) {
                new Users(db).setEnabled(id, !disabled);
            }
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Print a signed JWT for a user.")
    public static final class Token implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--user-id", required = true)
        long userId;

        @Option(names = "--role", defaultValue = "user", description = "user, worker or admin (default: ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, e.g. 30m, 1h, 7d (default: ${DEFAULT-VALUE}).")
        String ttl;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Role r = Role.fromWire(role.toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "--role must be user, worker or admin"));
            Duration lifetime = parseDuration(ttl);
            Settings settings = common.settings(Map.of());
            try (Database db = open(settings)) {
                if (new Users(db).find(userId).isEmpty()) {
                    System.err.println("user " + userId + " does not exist (add one with: user add --email ...)");
                    return 1;
                }
            }
            System.out.println(new TokenIssuer(AuthSetup.jwtSettings(settings)).issue(userId, r, lifetime));
            return 0;
        }

        private Duration parseDuration(String s) {
            try {
                return Duration.ofMillis(com.typesafe.config.ConfigFactory.parseString("d = " + s)
                        .getDuration("d").toMillis());
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--ttl: not a duration: " + s);
            }
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Run the reference-behaviour Socket.IO echo server (for interoperability tests).")
    public static final class Echo implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "3000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--transport", defaultValue = "lean",
                description = "lean or pekko-http (default: ${DEFAULT-VALUE}).")
        String transport;

        @Override
        public Integer call() throws Exception {
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "jobcast-echo");
            HttpBinding.Bound binding = HttpBinding.bind(system, host, port, HttpTransport.parse(transport),
                            EchoServer.endpoints(system), Directives.reject())
                    .toCompletableFuture().get();
            LOG.info("echo server listening on http://{}:{} (Socket.IO at /socket.io/, Engine.IO at /engine.io/)",
                    host, binding.localAddress().getPort());
            system.getWhenTerminated().toCompletableFuture().get();
            return 0;
        }
    }

    /** The database of the settings, migrated (safe while a server runs on it too). */
    static Database open(Settings settings) {
        Database db = new Database(settings.database(), 2);
        Migrations.migrate(db.dataSource(), settings.database().vendor());
        return db;
    }
}
