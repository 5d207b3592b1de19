package dev.jobcast.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The journal's format for job events and snapshots: a few bytes of fields in a fixed order,
 * named by a short manifest with its version ("P1": progress, format 1). A progress event is
 * about 40 bytes instead of some 200 of JSON, and costs a fraction of Jackson's time each
 * way. The job's own JSON (input, result) is kept as JSON text inside. Events written before
 * this format (Pekko's Jackson serializer) are still read by that serializer: the journal
 * names the serializer of each row.
 */
public final class JobSerializer extends SerializerWithStringManifest {
    /** Pekko reserves 0..40; this one is jobcast's, and must never change once events exist. */
    public static final int IDENTIFIER = 7301;

    static final String CREATED = "C1";
    static final String STARTED = "S1";
    static final String PROGRESS = "P1";
    static final String COMPLETED = "D1";
    static final String FAILED = "F1";
    static final String CANCELLED = "X1";
    static final String STATE = "J1";

    // Decimals keep every digit, as they did through the Jackson serializer.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final JobStatus[] STATUSES = JobStatus.values();

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof JobEvent.ProgressReported) {
            return PROGRESS;
        }
        if (o instanceof JobEvent.Created) {
            return CREATED;
        }
        if (o instanceof JobEvent.Started) {
            return STARTED;
        }
        if (o instanceof JobEvent.Completed) {
            return COMPLETED;
        }
        if (o instanceof JobEvent.Failed) {
            return FAILED;
        }
        if (o instanceof JobEvent.Cancelled) {
            return CANCELLED;
        }
        if (o instanceof JobState) {
            return STATE;
        }
        throw new IllegalArgumentException("not a job event or state: " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(o, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + o.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Object o = read(in, manifest);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over after the fields");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            NotSerializableException failure = new NotSerializableException(
                    "cannot read a job event of manifest " + manifest + " (" + bytes.length + " bytes): " + e);
            failure.initCause(e);
            throw failure;
        }
    }

    private static void write(Object o, DataOutputStream out) throws IOException {
        if (o instanceof JobEvent.ProgressReported p) {
            out.writeInt(p.progress());
            string(out, p.message());
            string(out, p.stage());
            instant(out, p.at());
        } else if (o instanceof JobEvent.Created c) {
            out.writeLong(c.jobId());
            out.writeLong(c.ownerId());
            string(out, c.jobType());
            string(out, c.runner());
            json(out, c.input());
            instant(out, c.at());
        } else if (o instanceof JobEvent.Started s) {
            instant(out, s.at());
        } else if (o instanceof JobEvent.Completed c) {
            json(out, c.result());
            instant(out, c.at());
        } else if (o instanceof JobEvent.Failed f) {
            string(out, f.error());
            instant(out, f.at());
        } else if (o instanceof JobEvent.Cancelled c) {
            instant(out, c.at());
        } else if (o instanceof JobState s) {
            out.writeLong(s.id());
            out.writeLong(s.ownerId());
            string(out, s.type());
            string(out, s.runner());
            out.writeByte(s.status() == null ? -1 : s.status().ordinal());
            out.writeInt(s.progress());
            string(out, s.message());
            string(out, s.stage());
            json(out, s.input());
            json(out, s.result());
            string(out, s.error());
            instant(out, s.createdAt());
            instant(out, s.updatedAt());
            out.writeLong(s.seq());
        } else {
            throw new IllegalArgumentException("not a job event or state: " + o.getClass().getName());
        }
    }

    private static Object read(DataInputStream in, String manifest) throws IOException {
        return switch (manifest) {
            case PROGRESS -> new JobEvent.ProgressReported(in.readInt(), string(in), string(in), instant(in));
            case CREATED -> new JobEvent.Created(in.readLong(), in.readLong(), string(in), string(in), json(in),
                    instant(in));
            case STARTED -> new JobEvent.Started(instant(in));
            case COMPLETED -> new JobEvent.Completed(json(in), instant(in));
            case FAILED -> new JobEvent.Failed(string(in), instant(in));
            case CANCELLED -> new JobEvent.Cancelled(instant(in));
            case STATE -> {
                long id = in.readLong();
                long owner = in.readLong();
                String type = string(in);
                String runner = string(in);
                int status = in.readByte();
                if (status < -1 || status >= STATUSES.length) {
                    throw new IOException("no status " + status);
                }
                yield new JobState(id, owner, type, runner, status == -1 ? null : STATUSES[status], in.readInt(),
                        string(in), string(in), json(in), json(in), string(in), instant(in), instant(in),
                        in.readLong());
            }
            default -> throw new IOException("unknown manifest " + manifest);
        };
    }

    /** Length, then UTF-8; -1 for null. */
    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new IOException("a field of " + n + " bytes");
        }
        return new String(in.readNBytes(checked(n, in)), StandardCharsets.UTF_8);
    }

    private static int checked(int n, DataInputStream in) throws IOException {
        if (n > in.available()) {
            throw new IOException("a field of " + n + " bytes in what is left of the event (" + in.available() + ")");
        }
        return n;
    }

    private static void json(DataOutputStream out, JsonNode node) throws IOException {
        string(out, node == null ? null : toJson(node));
    }

    private static JsonNode json(DataInputStream in) throws IOException {
        String text = string(in);
        return text == null ? null : JSON.readTree(text);
    }

    private static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds and nanoseconds; a flag first, since a state's times may be absent. */
    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
