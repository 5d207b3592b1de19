package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobcast.engineio.codec.EioPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The per-socket recovery offset: its text form, what a client may send back, and where it goes. */
class RecoveryOffsetTest {

    @Test
    void theTextIsTheEpochThePacketAndEachStreamInBase36() {
        Map<String, Long> streams = new LinkedHashMap<>();
        streams.put("job:12", 35L);
        streams.put("job:7", 36L);
        assertEquals("ab.z~job:12.z~job:7.10", RecoveryOffset.format("ab", 35, streams));
        assertEquals("ab.0", RecoveryOffset.format("ab", 0, Map.of()));
    }

    @Test
    void keysOutsideThePlainSetArePercentEscapedAsUtf8() {
        String text = RecoveryOffset.format("e", 1, Map.of("a.b~c%d é", 2L));
        assertEquals("e.1~a%2Eb%7Ec%25d%20%C3%A9.2", text);
        assertEquals(Map.of("a.b~c%d é", 2L), RecoveryOffset.parse("e", text).orElseThrow().streams());
    }

    @Test
    void parseReadsBackWhatFormatWrote() {
        RecoveryOffset o = RecoveryOffset.parse("ep", "ep.1a~job:1.5~job:2.0").orElseThrow();
        assertEquals(46, o.packet());
        assertEquals(Map.of("job:1", 5L, "job:2", 0L), o.streams());
    }

    @Test
    void offsetsOfAnotherEpochOrMalformedAreRefused() {
        List<String> bad = new ArrayList<>(List.of("", "ep", "ep.", "ep.-1", "ep.A", "ep.1~", "ep.1~job", "ep.1~.3",
                "ep.1~job:1.", "ep.1~job:1.x!", "ep.1~job:1.1~job:1.2", "ep.1~a%2", "ep.1~a%zz.1", "ep.1~a b.1",
                "other.1", "xep.1", "ep.zzzzzzzzzzzzzz", "ep.1.2"));
        bad.add(null);
        bad.add("ep.1" + "~k.1".repeat(RecoveryOffset.MAX_STREAMS + 1));
        bad.add("ep.1~" + "k".repeat(RecoveryOffset.MAX_CHARS) + ".1");
        for (String text : bad) {
            assertEquals(Optional.empty(), RecoveryOffset.parse("ep", text), "offset " + text);
        }
        assertTrue(RecoveryOffset.parse("ep", "ep.1" + "~k.1".repeat(0)).isPresent());
    }

    @Test
    void appendToPutsTheOffsetLastInTheFirstFrameAndSharesTheAttachments() {
        byte[] attachment = {1, 2, 3};
        List<EioPacket> frames = List.of(EioPacket.message("51-[\"job_update\",{\"_placeholder\":true,\"num\":0}]"),
                EioPacket.message(attachment));

        List<EioPacket> out = RecoveryOffset.appendTo(frames, "e.1~job:1.2");

        assertEquals("51-[\"job_update\",{\"_placeholder\":true,\"num\":0},\"e.1~job:1.2\"]", out.get(0).text());
        assertSame(attachment, out.get(1).binary());
        assertEquals(List.of(EioPacket.message("2[\"ping\",\"e.0\"]")),
                RecoveryOffset.appendTo(List.of(EioPacket.message("2[\"ping\"]")), "e.0"));
        assertThrows(IllegalArgumentException.class,
                () -> RecoveryOffset.appendTo(List.of(EioPacket.message("0{}")), "e.0"));
    }

    @Property
    void anyOffsetSurvivesTheRoundTrip(@ForAll @LongRange(min = 0, max = 1L << 53) long packet,
                                       @ForAll @Size(max = 8) Map<@StringLength(min = 1, max = 12) String,
                                               @LongRange(min = 0, max = 1L << 53) Long> streams) {
        String text = RecoveryOffset.format("q1", packet, streams);
        RecoveryOffset back = RecoveryOffset.parse("q1", text).orElseThrow();
        assertEquals(packet, back.packet());
        assertEquals(streams, back.streams());
        assertTrue(text.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\'),
                "safe inside a JSON string without escaping: " + text);
    }

    @Property
    void parsingArbitraryTextNeverThrows(@ForAll @StringLength(max = 60) String tail) {
        RecoveryOffset.parse("q1", "q1." + tail);
        RecoveryOffset.parse("q1", tail);
    }
}
