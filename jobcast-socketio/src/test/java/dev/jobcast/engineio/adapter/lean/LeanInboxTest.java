package dev.jobcast.engineio.adapter.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/** A lean connection's received bytes and writes, without an actor or a socket. */
class LeanInboxTest {
    private static final String POST = "POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\n"
            + "Host: localhost\r\nContent-Length: 6\r\n\r\n";

    @Test
    void aHeadArrivingInPiecesThenItsBodyThenTheNextRequest() {
        LeanInbox inbox = new LeanInbox(8192, 100);
        inbox.nextRequest();
        inbox.add(ByteString.fromString(POST.substring(0, 20)));
        assertInstanceOf(LeanInbox.Head.More.class, inbox.parseHead());
        assertEquals("/socket.io/", inbox.rawPath().substring(0, 11));
        inbox.add(ByteString.fromString(POST.substring(20) + "4he"));
        LeanInbox.Head.Parsed parsed = assertInstanceOf(LeanInbox.Head.Parsed.class, inbox.parseHead());
        assertEquals("POST", parsed.head().method());
        assertEquals(POST.length(), parsed.headLength());
        assertNull(inbox.takeBody(6), "three bytes of the body are still to come");
        inbox.add(ByteString.fromString("llo" + "GET /next"));
        assertEquals("4hello", inbox.takeBody(6).utf8String());
        inbox.nextRequest();
        assertInstanceOf(LeanInbox.Head.More.class, inbox.parseHead());
        assertEquals("GET /next", inbox.takeAll().utf8String(), "what is left goes to whoever reads on");
        assertTrue(inbox.isEmpty());
    }

    @Test
    void aHeadTheParserRefusesComesBackWholeForTheHandOff() {
        LeanInbox inbox = new LeanInbox(8192, 100);
        inbox.nextRequest();
        String broken = "GET /api HTTP/1.1\r\nHost: x\r\nno colon in this field line\r\n\r\n";
        inbox.add(ByteString.fromString(broken));
        LeanInbox.Head.Bad bad = assertInstanceOf(LeanInbox.Head.Bad.class, inbox.parseHead());
        assertEquals(400, bad.status());
        assertEquals(broken, bad.received().utf8String());
    }

    @Test
    void oneWriteAtATimeAndTheLastOneAfterWhatIsInFlight() {
        List<String> sent = new ArrayList<>();
        List<String> done = new ArrayList<>();
        LeanWrites writes = new LeanWrites(b -> sent.add(b.utf8String()));
        writes.write(ByteString.fromString("a"), () -> done.add("a"));
        assertTrue(writes.inFlight());
        writes.writeLast(ByteString.fromString("bye"), () -> done.add("closed"));
        assertEquals(List.of("a"), sent, "the last write waits for the one in flight");
        writes.written();
        assertEquals(List.of("a", "bye"), sent);
        assertEquals(List.of("a"), done);
        writes.written();
        assertEquals(List.of("a", "closed"), done);
        assertFalse(writes.inFlight());
    }
}
