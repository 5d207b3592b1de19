package dev.jobcast.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.testkit.javadsl.TestKit;

/**
 * Journal payloads as jobcast wrote them before JobSerializer: job events and snapshots bound
 * to Pekko's Jackson serializer. {@link #LEGACY_BINDINGS} on top of the usual configuration
 * gives an actor system that still writes them so; {@link #reader} is one with today's.
 */
final class JacksonRows {
    private JacksonRows() {
    }

    /** The bindings of before: everything JournalSerializable went to jackson-json. */
    static final Config LEGACY_BINDINGS = ConfigFactory.parseString("""
            pekko.actor.serialization-bindings {
              "dev.jobcast.jobs.JournalSerializable" = jackson-json
              "dev.jobcast.jobs.JobEvent" = jackson-json
              "dev.jobcast.jobs.JobState" = jackson-json
            }
            """);

    /** What the journal keeps of a payload: the serializer's id, its manifest, the bytes. */
    record Row(int serializerId, String manifest, byte[] bytes) {
    }

    record Written(Map<Object, Row> rows) {
    }

    /** Each object as the old bindings serialize it. */
    static Written write(List<Object> objects) {
        ActorSystem system = ActorSystem.create("legacy-" + UUID.randomUUID().toString().substring(0, 8),
                LEGACY_BINDINGS.withFallback(ConfigFactory.load()));
        try {
            Serialization serialization = SerializationExtension.get(system);
            Map<Object, Row> rows = new LinkedHashMap<>();
            for (Object o : objects) {
                Serializer s = serialization.findSerializerFor(o);
                rows.put(o, new Row(s.identifier(), Serializers.manifestFor(s, o), s.toBinary(o)));
            }
            return new Written(rows);
        } finally {
            TestKit.shutdownActorSystem(system, scala.concurrent.duration.Duration.fromNanos(
                    Duration.ofSeconds(30).toNanos()), true);
        }
    }

    static Reader reader() {
        return new Reader(ActorSystem.create("current-" + UUID.randomUUID().toString().substring(0, 8),
                ConfigFactory.load()));
    }

    /** An actor system with today's bindings, reading rows as the journal would. */
    static final class Reader implements AutoCloseable {
        private final ActorSystem system;
        private final Serialization serialization;

        private Reader(ActorSystem system) {
            this.system = system;
            this.serialization = SerializationExtension.get(system);
        }

        Object read(Row row) throws Exception {
            return serialization.deserialize(row.bytes(), row.serializerId(), row.manifest()).get();
        }

        int serializerIdOf(Object o) {
            return serialization.findSerializerFor(o).identifier();
        }

        @Override
        public void close() {
            TestKit.shutdownActorSystem(system, scala.concurrent.duration.Duration.fromNanos(
                    Duration.ofSeconds(30).toNanos()), true);
        }
    }
}
