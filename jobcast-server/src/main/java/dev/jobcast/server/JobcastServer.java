package dev.jobcast.server;

import com.typesafe.config.ConfigFactory;
import dev.jobcast.api.ApiRoutes;
import dev.jobcast.api.dashboard.DashboardRoutes;
import dev.jobcast.api.dashboard.DevSession;
import dev.jobcast.api.dashboard.DevSessions;
import dev.jobcast.auth.Authenticator;
import dev.jobcast.auth.JwtSettings;
import dev.jobcast.auth.TokenIssuer;
import dev.jobcast.auth.TokenVerifier;
import dev.jobcast.auth.User;
import dev.jobcast.auth.Users;
import dev.jobcast.engineio.EngineServer;
import dev.jobcast.engineio.port.HttpBinding;
import dev.jobcast.jobs.DeadLetters;
import dev.jobcast.jobs.JobIds;
import dev.jobcast.jobs.JobProjection;
import dev.jobcast.jobs.JobReadSide;
import dev.jobcast.jobs.JobRegistry;
import dev.jobcast.jobs.JobService;
import dev.jobcast.jobs.JobUpdateBus;
import dev.jobcast.jobs.ingest.Ingest;
import dev.jobcast.jobs.live.JobBroadcaster;
import dev.jobcast.jobs.live.LiveJobs;
import dev.jobcast.jobs.live.WorkerChannel;
import dev.jobcast.jobs.runners.DemoRunner;
import dev.jobcast.jobs.runners.JobControl;
import dev.jobcast.jobs.runners.LeaseWatcher;
import dev.jobcast.jobs.runners.RestartRecovery;
import dev.jobcast.socketio.SocketIoServer;
import dev.jobcast.store.Database;
import dev.jobcast.store.Migrations;
import dev.jobcast.store.PersistenceConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: database and migrations, the actor system with its journal, the
 * job service and its read side, authentication, Socket.IO and the HTTP binding, started
 * in that order and stopped in reverse.
 */
public final class JobcastServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobcastServer.class);

    private final Settings settings;
    private final Database db;
    private final ActorSystem<Void> system;
    private final JobService jobs;
    private final Users users;
    private final TokenIssuer tokens;
    private final SocketIoServer io;
    private final LiveJobs live;
    private final JobProjection projection;
    private final PrometheusMeterRegistry metrics;
    private final HttpBinding.Bound binding;

    private JobcastServer(Settings settings) throws Exception {
        this.settings = settings;
        JwtSettings jwt = AuthSetup.jwtSettings(settings);
        this.db = new Database(settings.database(), settings.dbMaxConnections());
        try {
            var migrated = Migrations.migrate(db.dataSource(), settings.database().vendor());
            LOG.info("database {} ready ({} migration(s) applied)", settings.database().safeUrl(),
                    migrated.migrationsExecuted);
            this.system = ActorSystem.create(Behaviors.empty(), "jobcast",
                    PersistenceConfig.forDatabase(settings.database(), settings.dbMaxConnections())
                            .withFallback(ConfigFactory.load()));
        } catch (Exception e) {
            db.close();
            throw e;
        }
        try {
            db.useExecutor(system.dispatchers().lookup(DispatcherSelector.fromConfig("jobcast.blocking-dispatcher")));
            this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            LiveMetrics liveMetrics = new LiveMetrics(metrics);
            JobUpdateBus updates = new JobUpdateBus();
            Settings.Jobs j = settings.jobs();
            // Microseconds: what the database's timestamps keep, so the read side equals the entity.
            Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
            ActorRef<JobRegistry.Command> registry = system.systemActorOf(
                    JobRegistry.create(j.snapshotEvery(), j.passivateAfter(), updates, clock),
                    "jobs", Props.empty());
            JobReadSide readSide = new JobReadSide(db);
            this.jobs = new JobService(system, registry, new JobIds(db), readSide, j.askTimeout());
            this.projection = new JobProjection(system, readSide);
            FunctionCounter.builder("jobcast_projection_dead_letters", readSide.deadLetters(), DeadLetters::count)
                    .description("job events the read side could not apply (see projection_dead_letters)")
                    .register(metrics);

            JobControl control = JobControl.of(jobs);
            ActorRef<DemoRunner.Command> demo = system.systemActorOf(
                    DemoRunner.create(control, j.demoParallelism(), j.demoMaxQueued(), j.demoDuration()),
                    "demo-runner", Props.empty());
            jobs.onDemoJobCreated(DemoRunner.enqueuer(demo));
            // The read side must be current before it is trusted to say what was interrupted.
            projection.catchUp().toCompletableFuture().get(5, TimeUnit.MINUTES);
            RestartRecovery.Result recovered = new RestartRecovery(readSide, control, DemoRunner.enqueuer(demo)).run()
                    .toCompletableFuture().get(5, TimeUnit.MINUTES);
            if (recovered.interrupted() + recovered.requeued() > 0) {
                LOG.info("after restart: {} demo job(s) failed as interrupted, {} queued job(s) handed to the runner",
                        recovered.interrupted(), recovered.requeued());
            }
            projection.start();
            system.systemActorOf(LeaseWatcher.create(readSide, control, j.workerLease(), clock),
                    "lease-watcher", Props.empty());

            this.users = new Users(db);
            // A server that only verifies RS256 tokens (a public key, no secret) cannot issue any.
            this.tokens = jwt.hmacSecret() != null || jwt.rsaPrivateKey() != null ? new TokenIssuer(jwt) : null;
            Authenticator authenticator = new Authenticator(new TokenVerifier(jwt), users, settings.auth().caching());
            this.io = new SocketIoServer(system, settings.socketIo());
            this.live = new LiveJobs(jobs, authenticator, metrics, j.maxJobsPerConnection());
            live.install(io.sockets());
            Ingest ingest = new Ingest(jobs);
            Settings.WorkerChannel wc = j.workerChannel();
            new WorkerChannel(ingest, authenticator, wc.maxInFlight())
                    .install(io.namespace(WorkerChannel.NAMESPACE), wc.eventsPerSecond(), wc.burst());
            io.onRateLimited(LiveJobs::rateLimited);
            ActorRef<JobBroadcaster.Command> broadcaster = system.systemActorOf(
                    JobBroadcaster.create(io.sockets(), j.maxUpdatesPerSecond(), liveMetrics),
                    "job-broadcaster", Props.empty());
            updates.subscribe(u -> broadcaster.tell(new JobBroadcaster.Publish(u)));
            EngineServer engine = new EngineServer(system, settings.engine(), io);
            ApiRoutes api = new ApiRoutes(jobs, ingest, authenticator, db, metrics, settings.maxBodyBytes(), settings.engine().path(),
                    live.connections());
            // The embedded default signs the dashboard in as the demo user; production never does.
            DashboardRoutes dashboard = new DashboardRoutes(settings.embedded()
                    ? DevSessions.on(system.dispatchers().lookup(DispatcherSelector.fromConfig("jobcast.blocking-dispatcher")),
                            () -> {
                                User demoUser = DemoUser.ensure(users);
                                return new DevSession(DemoUser.token(this, demoUser), demoUser.id());
                            })
                    : DevSessions.off());
            // The API's route is sealed (it answers every path), so it must come last.
            this.binding = HttpBinding.bind(system, settings.host(), settings.port(), settings.transport(), List.of(engine),
                            Directives.concat(dashboard.route(), api.route()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            db.close();
            throw e;
        }
    }

    public static JobcastServer start(Settings settings) throws Exception {
        return new JobcastServer(settings);
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public Settings settings() {
        return settings;
    }

    public JobService jobs() {
        return jobs;
    }

    public Users users() {
        return users;
    }

    /** Issues tokens with the server's key; fails on a server that only verifies RS256 tokens. */
    public TokenIssuer tokens() {
        if (tokens == null) {
            throw new IllegalStateException("this server only verifies RS256 tokens: it has no key to issue any");
        }
        return tokens;
    }

    public SocketIoServer socketIo() {
        return io;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        projection.stop();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        db.close();
    }

}
