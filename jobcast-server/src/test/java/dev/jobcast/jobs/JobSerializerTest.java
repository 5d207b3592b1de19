// JobSerializer, the journal's format for job events and snapshots: every event and state
// comes back equal (nulls, unicode, decimals with their digits, JSON of any size), the format
// is pinned byte for byte, damaged bytes are a NotSerializableException and nothing else,
// and what Pekko's Jackson serializer wrote before this format is still read.
package dev.jobcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.socketio.codec.Json;
import java.io.NotSerializableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JobSerializerTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant T = Instant.parse("2026-03-01T12:00:00.5Z");
    private final JobSerializer serializer = new JobSerializer();

    /** Parsed as a job's JSON arrives (decimals keep their digits). */
    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private Object roundTrip(Object o) throws NotSerializableException {
        return serializer.fromBinary(serializer.toBinary(o), serializer.manifest(o));
    }

    private void assertRoundTrip(Object o) throws NotSerializableException {
        Object back = roundTrip(o);
        assertEquals(o, back);
        // The JSON inside keeps its text too (equal trees could still print differently).
        assertEquals(String.valueOf(o), String.valueOf(back));
    }

    /** One of each event, with every field set. */
    static List<JobEvent> everyEvent() {
        return List.of(
                new JobEvent.Created(7, 1, "essay", JobState.EXTERNAL,
                        json("{\"topic\":\"otters\",\"price\":1.50,\"n\":[1,2.0,null,true]}"), T),
                new JobEvent.Started(T.plusSeconds(1)),
                new JobEvent.ProgressReported(40, "Drafting (40%)", "Drafting", T.plusSeconds(2)),
                new JobEvent.Completed(json("{\"words\":3,\"score\":0.10}"), T.plusSeconds(3)),
                new JobEvent.Failed("disk full", T.plusSeconds(3)),
                new JobEvent.Cancelled(T.plusSeconds(3)));
    }

    static JobState fullState() {
        return new JobState(9_007_199_254_740_991L, Long.MAX_VALUE, "essay", JobState.DEMO, JobStatus.FAILED, 100,
                "Job failed: boom", "Drafting", json("{\"topic\":\"t\",\"amount\":1.50}"), json("[1.0,\"x\"]"),
                "boom", T, T.plusNanos(999_999_999), 12);
    }

    // ---- round trips

    @Test
    void everyEventComesBackEqual() throws Exception {
        for (JobEvent e : everyEvent()) {
            assertRoundTrip(e);
        }
    }

    @Test
    void eventsWithEveryOptionalFieldAbsentComeBackEqual() throws Exception {
        for (Object e : List.of(
                new JobEvent.Created(7, 1, null, null, null, T),
                new JobEvent.ProgressReported(0, null, null, T),
                new JobEvent.Completed(null, T),
                new JobEvent.Failed(null, T),
                new JobEvent.Started(null))) {
            assertRoundTrip(e);
        }
        // A JSON null stays "no value", as the records have it.
        assertNull(((JobEvent.Completed) roundTrip(new JobEvent.Completed(F.nullNode(), T))).result());
        assertNull(((JobEvent.Created) roundTrip(new JobEvent.Created(7, 1, "e", "r", F.nullNode(), T))).input());
    }

    @Test
    void statesComeBackEqualEmptyAndFull() throws Exception {
        assertRoundTrip(JobState.EMPTY);
        assertRoundTrip(fullState());
        for (JobStatus status : JobStatus.values()) {
            JobState s = fullState();
            assertRoundTrip(new JobState(s.id(), s.ownerId(), s.type(), s.runner(), status, s.progress(), s.message(),
                    s.stage(), s.input(), s.result(), s.error(), s.createdAt(), s.updatedAt(), s.seq()));
        }
    }

    @Test
    void aStateBuiltByEventsComesBackEqual() throws Exception {
        JobState s = JobState.EMPTY;
        for (JobEvent e : everyEvent().subList(0, 4)) {
            s = s.apply(e);
            assertRoundTrip(s);
        }
    }

    @Test
    void unicodeIsKept() throws Exception {
        String text = "Привет, 世界 🚀 \u0000 é\u0301 \t\n\"\\ \uFFFF";
        assertRoundTrip(new JobEvent.ProgressReported(1, text, text, T));
        assertRoundTrip(new JobEvent.Failed(text, T));
        ObjectNode input = F.objectNode().put(text, text);
        assertRoundTrip(new JobEvent.Created(7, 1, text, text, input, T));
    }

    @Test
    void decimalsKeepEveryDigit() throws Exception {
        JsonNode numbers = json("{\"a\":1.50,\"b\":0.1000,\"c\":1E+400,\"d\":-0.0,\"e\":123456789012345678901234567890.123"
                + ",\"f\":18446744073709551616,\"g\":1.0E-7}");
        JobEvent.Completed back = (JobEvent.Completed) roundTrip(new JobEvent.Completed(numbers, T));
        assertEquals(numbers, back.result());
        assertEquals(new BigDecimal("1.50"), back.result().get("a").decimalValue());
        assertEquals("1.50", back.result().get("a").toString());
        assertEquals("0.1000", back.result().get("b").toString());
        JobState s = (JobState) roundTrip(fullState());
        assertEquals("{\"topic\":\"t\",\"amount\":1.50}", s.input().toString());
        assertEquals("[1.0,\"x\"]", s.result().toString());
    }

    @Test
    void bigJsonAndLongStringsComeBackWhole() throws Exception {
        ArrayNode rows = F.arrayNode();
        for (int i = 0; i < 20_000; i++) {
            rows.addObject().put("i", i).put("v", new BigDecimal(i + ".50")).put("s", "row " + i);
        }
        String huge = "x".repeat(200_000) + "🚀"; // far beyond what a 16-bit length could say
        ObjectNode result = F.objectNode();
        result.set("rows", rows);
        result.put("huge", huge);
        assertRoundTrip(new JobEvent.Completed(result, T));
        assertRoundTrip(new JobEvent.Failed(huge, T));
        assertRoundTrip(new JobEvent.ProgressReported(1, huge, huge, T));
    }

    @Test
    void instantsKeepTheirNanosecondsAndRange() throws Exception {
        for (Instant t : List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 1), T.plusNanos(1), Instant.MIN,
                Instant.MAX)) {
            assertRoundTrip(new JobEvent.Started(t));
        }
    }

    // ---- the format itself

    @Test
    void theIdentifierAndTheManifestsNeverChange() {
        assertEquals(7301, serializer.identifier());
        List<String> manifests = new ArrayList<>();
        for (JobEvent e : everyEvent()) {
            manifests.add(serializer.manifest(e));
        }
        manifests.add(serializer.manifest(JobState.EMPTY));
        assertEquals(List.of("C1", "S1", "P1", "D1", "F1", "X1", "J1"), manifests);
    }

    @Test
    void aProgressEventIsExactlyTheseBytes() throws Exception {
        // int progress, string message (length + UTF-8), string stage (-1: null), instant
        // (present flag, epoch seconds, nanos). If this fails the format changed: journals
        // written so far would no longer be read. Add a new manifest instead.
        JobEvent.ProgressReported p = new JobEvent.ProgressReported(40, "Drafting", null, T);
        String golden = "00000028" + "00000008" + "4472616674696e67" + "ffffffff" + "01" + "0000000069a42a40"
                + "1dcd6500";
        assertEquals(golden, HexFormat.of().formatHex(serializer.toBinary(p)));
        assertEquals(p, serializer.fromBinary(HexFormat.of().parseHex(golden), "P1"));
    }

    @Test
    void aCreatedEventIsExactlyTheseBytes() throws Exception {
        JobEvent.Created c = new JobEvent.Created(7, 1, "essay", "external", json("{\"n\":1.50}"), T);
        String golden = "0000000000000007" + "0000000000000001" + "00000005" + "6573736179" + "00000008"
                + "65787465726e616c" + "0000000a" + "7b226e223a312e35307d" + "01" + "0000000069a42a40" + "1dcd6500";
        assertEquals(golden, HexFormat.of().formatHex(serializer.toBinary(c)));
        assertEquals(c, serializer.fromBinary(HexFormat.of().parseHex(golden), "C1"));
    }

    @Test
    void somethingElseIsNotSerializedHere() {
        assertThrows(IllegalArgumentException.class, () -> serializer.manifest("a string"));
        assertThrows(IllegalArgumentException.class, () -> serializer.toBinary(42));
    }

    // ---- damage

    private void assertNotReadable(byte[] bytes, String manifest) {
        try {
            Object o = serializer.fromBinary(bytes, manifest);
            fail("read " + o + " from " + HexFormat.of().formatHex(bytes) + " (" + manifest + ")");
        } catch (NotSerializableException expected) {
            assertTrue(expected.getMessage().contains(manifest), expected.getMessage());
        } catch (RuntimeException other) {
            fail("not a NotSerializableException: " + other, other);
        }
    }

    private List<Object> everything() {
        List<Object> all = new ArrayList<>(everyEvent());
        all.add(JobState.EMPTY);
        all.add(fullState());
        return all;
    }

    @Test
    void everyTruncationIsANotSerializableException() {
        for (Object o : everything()) {
            byte[] bytes = serializer.toBinary(o);
            for (int n = 0; n < bytes.length; n++) {
                assertNotReadable(java.util.Arrays.copyOf(bytes, n), serializer.manifest(o));
            }
        }
    }

    @Test
    void bytesLeftOverAfterTheEventAreANotSerializableException() {
        for (Object o : everything()) {
            byte[] bytes = serializer.toBinary(o);
            assertNotReadable(java.util.Arrays.copyOf(bytes, bytes.length + 1), serializer.manifest(o));
        }
    }

    @Test
    void anUnknownManifestIsANotSerializableException() {
        byte[] bytes = serializer.toBinary(everyEvent().get(2));
        for (String manifest : new String[] {"P2", "", "p1", "dev.jobcast.jobs.JobEvent$ProgressReported"}) {
            assertNotReadable(bytes, manifest);
        }
    }

    @Test
    void damagedFieldsAreANotSerializableException() {
        // A length longer than what is left, and one that is negative but not the null mark.
        assertNotReadable(HexFormat.of().parseHex("00000028" + "7fffffff" + "41"), "P1");
        assertNotReadable(HexFormat.of().parseHex("00000028" + "fffffffe" + "ffffffff" + "00"), "P1");
        // A status that does not exist, and a negative one that is not the "no status" mark.
        byte[] state = serializer.toBinary(fullState());
        int statusAt = 8 + 8 + 4 + "essay".length() + 4 + "demo".length();
        assertEquals(JobStatus.FAILED.ordinal(), state[statusAt]);
        for (byte bad : new byte[] {(byte) JobStatus.values().length, 127, -2, -128}) {
            byte[] damaged = state.clone();
            damaged[statusAt] = bad;
            assertNotReadable(damaged, "J1");
        }
        // JSON that does not parse.
        byte[] completed = serializer.toBinary(new JobEvent.Completed(json("{\"a\":1}"), T));
        completed[4] = '[';
        assertNotReadable(completed, "D1");
        // Bytes that are not UTF-8 are taken as the replacement character, never refused: a
        // string is whatever its bytes decode to; only the structure can be damaged.
    }

    @Provide
    Arbitrary<String> manifests() {
        return Arbitraries.of("C1", "S1", "P1", "D1", "F1", "X1", "J1");
    }

    @Property(tries = 3000)
    void anyBytesAreAnEventOrANotSerializableExceptionNeverAnythingElse(
            @ForAll("manifests") String manifest, @ForAll byte[] bytes) {
        try {
            Object o = serializer.fromBinary(bytes, manifest);
            assertTrue(o instanceof JobEvent || o instanceof JobState, String.valueOf(o));
        } catch (NotSerializableException expected) {
            // fine
        } catch (RuntimeException other) {
            fail("not a NotSerializableException: " + other, other);
        }
    }

    @Property(tries = 1000)
    void aFlippedByteIsAnEventOrANotSerializableException(@ForAll("events") Object o,
                                                          @ForAll java.util.Random random) {
        byte[] bytes = serializer.toBinary(o);
        if (bytes.length == 0) {
            return;
        }
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        try {
            serializer.fromBinary(bytes, serializer.manifest(o));
        } catch (NotSerializableException expected) {
            // fine
        } catch (RuntimeException other) {
            fail("not a NotSerializableException: " + other, other);
        }
    }

    // ---- property: any event or state survives

    /** JSON as a job would carry it: read from text, so every number is what a parse gives. */
    @Provide
    Arbitrary<JsonNode> jsons() {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(F.nullNode()),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.bigDecimals().ofScale(3).map(F::numberNode),
                Arbitraries.bigIntegers().map(F::numberNode),
                text().map(F::textNode));
        Arbitrary<JsonNode> tree = Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> {
                    ArrayNode a = F.arrayNode();
                    items.forEach(a::add);
                    return a;
                }),
                Arbitraries.maps(text(), inner).ofMaxSize(4).map(m -> {
                    ObjectNode n = F.objectNode();
                    m.forEach(n::set);
                    return (JsonNode) n;
                })), 0, 4);
        return tree.map(t -> json(Json.write(t)));
    }

    /** Any text of whole code points (a lone surrogate is no text, and has no UTF-8 form). */
    static Arbitrary<String> text() {
        return Arbitraries.integers().between(0, 0x10FFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(30).map(cps -> {
                    StringBuilder sb = new StringBuilder();
                    cps.forEach(sb::appendCodePoint);
                    return sb.toString();
                });
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Object> events() {
        Arbitrary<String> s = text().injectNull(0.2);
        Arbitrary<JsonNode> j = jsons().injectNull(0.2);
        Arbitrary<Instant> t = instants();
        Arbitrary<Object> created = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), s, s, j, t)
                .as(JobEvent.Created::new);
        Arbitrary<Object> progress = Combinators.combine(Arbitraries.integers(), s, s, t)
                .as(JobEvent.ProgressReported::new);
        Arbitrary<Object> state = Combinators.combine(List.of(Arbitraries.longs().map(x -> (Object) x),
                Arbitraries.longs().map(x -> (Object) x), s.map(x -> (Object) x), s.map(x -> (Object) x),
                Arbitraries.of(JobStatus.values()).injectNull(0.2).map(x -> (Object) x),
                Arbitraries.integers().map(x -> (Object) x), s.map(x -> (Object) x), s.map(x -> (Object) x),
                j.map(x -> (Object) x), j.map(x -> (Object) x), s.map(x -> (Object) x),
                t.injectNull(0.2).map(x -> (Object) x), t.injectNull(0.2).map(x -> (Object) x),
                Arbitraries.longs().map(x -> (Object) x))).as(v -> new JobState((Long) v.get(0), (Long) v.get(1),
                        (String) v.get(2), (String) v.get(3), (JobStatus) v.get(4), (Integer) v.get(5),
                        (String) v.get(6), (String) v.get(7), (JsonNode) v.get(8), (JsonNode) v.get(9),
                        (String) v.get(10), (Instant) v.get(11), (Instant) v.get(12), (Long) v.get(13)));
        return Arbitraries.oneOf(created, progress, state,
                t.map(JobEvent.Started::new),
                Combinators.combine(j, t).as(JobEvent.Completed::new),
                Combinators.combine(s, t).as(JobEvent.Failed::new),
                t.map(JobEvent.Cancelled::new));
    }

    @Property(tries = 1000)
    void anyEventOrStateComesBackEqual(@ForAll("events") Object o) throws Exception {
        assertRoundTrip(o);
    }

    // ---- rows written by Pekko's Jackson serializer, before this format

    @Test
    void whatTheJacksonSerializerWroteIsStillRead() throws Exception {
        JacksonRows.Written written = JacksonRows.write(everything());
        try (JacksonRows.Reader reader = JacksonRows.reader()) {
            for (Map.Entry<Object, JacksonRows.Row> e : written.rows().entrySet()) {
                JacksonRows.Row row = e.getValue();
                assertNotEquals(JobSerializer.IDENTIFIER, row.serializerId(), "written by Jackson");
                assertTrue(new String(row.bytes(), java.nio.charset.StandardCharsets.UTF_8).startsWith("{"),
                        "JSON: " + row);
                Object back = reader.read(row);
                // Equal, numbers by value: Jackson reads 1.50 back as 1.5, as it always did
                // for these rows (its trees strip trailing zeros); only the new format keeps them.
                assertEquals(e.getKey(), back);
            }
            // And the current bindings write the compact format.
            assertEquals(JobSerializer.IDENTIFIER, reader.serializerIdOf(everyEvent().get(2)));
            assertEquals(JobSerializer.IDENTIFIER, reader.serializerIdOf(JobState.EMPTY));
            assertInstanceOf(JobEvent.ProgressReported.class, reader.read(new JacksonRows.Row(JobSerializer.IDENTIFIER,
                    "P1", serializer.toBinary(everyEvent().get(2)))));
        }
    }

    /**
     * A journal (events and a snapshot) written with the old bindings, then opened by a
     * system with today's: the entities recover from it, the projection reads it, and new
     * events follow the old ones in the compact format.
     */
    @Test
    void aJournalWrittenByJacksonIsRecoveredAndProjectedAfterTheSwitch() {
        dev.jobcast.store.DatabaseSettings db = JdbcJournalTestKit.freshDatabase();
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
        long plain;
        long snapshotted;
        JobState plainBefore;
        JobState snapshottedBefore;
        JdbcJournalTestKit legacy = JdbcJournalTestKit.start(db, JacksonRows.LEGACY_BINDINGS);
        try {
            JobService s = legacy.jobs(3, java.time.Duration.ofMinutes(10), u -> { }, clock).service();
            // Two events, no snapshot.
            plain = step(clock, s.create(1, "essay", JobState.EXTERNAL, json("{\"price\":1.50,\"q\":\"Ω\"}"))).id();
            plainBefore = step(clock, s.start(plain));
            // Five events, a snapshot after the third.
            snapshotted = step(clock, s.create(1, "essay", JobState.EXTERNAL, null)).id();
            step(clock, s.start(snapshotted));
            step(clock, s.progress(snapshotted, 40, "Drafting (40%)", "Drafting"));
            step(clock, s.progress(snapshotted, 80, null, null));
            snapshottedBefore = step(clock, s.complete(snapshotted, json("{\"words\":3,\"score\":0.10}")));
            assertEquals(7, legacy.queryLong("SELECT COUNT(*) FROM \"event_journal\""));
            assertEquals(0, legacy.queryLong(
                    "SELECT COUNT(*) FROM \"event_journal\" WHERE \"event_ser_id\" = ?", JobSerializer.IDENTIFIER));
            assertEquals(1, legacy.queryLong("SELECT COUNT(*) FROM \"snapshot\""));
            assertEquals(0, legacy.queryLong(
                    "SELECT COUNT(*) FROM \"snapshot\" WHERE \"snapshot_ser_id\" = ?", JobSerializer.IDENTIFIER));
        } finally {
            legacy.crash();
        }

        JdbcJournalTestKit current = JdbcJournalTestKit.start(db);
        try {
            JdbcJournalTestKit.Jobs jobs = current.jobs(3, java.time.Duration.ofMinutes(10), u -> { }, clock);
            assertEquals(plainBefore, await(jobs.service().get(plain)), "recovered from Jackson events");
            assertEquals(snapshottedBefore, await(jobs.service().get(snapshotted)),
                    "recovered from a Jackson snapshot and events");
            await(jobs.projection().catchUp());
            assertEquals(plainBefore, row(jobs, plain));
            assertEquals(snapshottedBefore, row(jobs, snapshotted));

            // The job goes on, its new events in the compact format after the old ones.
            JobState after = step(clock, jobs.service().progress(plain, 10, "fetching", "download"));
            assertEquals(3, after.seq());
            assertEquals(1, current.queryLong(
                    "SELECT COUNT(*) FROM \"event_journal\" WHERE \"event_ser_id\" = ?", JobSerializer.IDENTIFIER));
            await(jobs.projection().catchUp());
            assertEquals(after, row(jobs, plain));
        } finally {
            current.crash();
        }

        // A journal of both formats recovers, and rebuilds the read side from scratch.
        JdbcJournalTestKit again = JdbcJournalTestKit.start(db);
        try {
            JdbcJournalTestKit.Jobs jobs = again.jobs(3, java.time.Duration.ofMinutes(10), u -> { }, clock);
            JobState plainNow = await(jobs.service().get(plain));
            assertEquals(3, plainNow.seq());
            assertEquals(10, plainNow.progress());
            await(jobs.readSide().reset());
            await(jobs.projection().catchUp());
            assertEquals(plainNow, row(jobs, plain));
            assertEquals(snapshottedBefore, row(jobs, snapshotted));
        } finally {
            again.close();
        }
    }

    private static JobState step(MutableClock clock, java.util.concurrent.CompletionStage<JobState> command) {
        clock.advance(java.time.Duration.ofMillis(7));
        return await(command);
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private static JobState row(JdbcJournalTestKit.Jobs jobs, long id) {
        return await(jobs.readSide().list(1, null, 100, null)).jobs().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no row of job " + id));
    }
}
