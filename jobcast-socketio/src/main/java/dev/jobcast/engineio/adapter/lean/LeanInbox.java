package dev.jobcast.engineio.adapter.lean;

import dev.jobcast.engineio.adapter.lean.http.RequestHead;
import dev.jobcast.engineio.adapter.lean.http.RequestHeadParser;
import java.nio.ByteBuffer;
import org.apache.pekko.util.ByteString;

/**
 * What a lean connection has received and not used yet, and the head parser reading it: a
 * request being read starts at its first byte. Plain state, no actor; one per connection,
 * and once the connection is a WebSocket or handed to Pekko HTTP it holds nothing.
 */
final class LeanInbox {
    /** What the bytes so far make of the next request's head. */
    sealed interface Head {
        /** Not all of it yet: read more. */
        record More() implements Head {
        }

        /** Not a request we can read; {@code received} is everything, for a hand-off. */
        record Bad(int status, String reason, ByteString received) implements Head {
        }

        /** A head: {@code request} starts with it and runs on with what came after it. */
        record Parsed(RequestHead head, ByteString request, int headLength) implements Head {
        }
    }

    private static final Head MORE = new Head.More();

    private final int maxHeadBytes;
    private final int maxHeaderFields;
    private RequestHeadParser parser;
    private ByteString bytes = ByteString.emptyByteString();
    /** How many of {@link #bytes} the head parser has already seen. */
    private int fed;

    LeanInbox(int maxHeadBytes, int maxHeaderFields) {
        this.maxHeadBytes = maxHeadBytes;
        this.maxHeaderFields = maxHeaderFields;
    }

    void add(ByteString data) {
        bytes = bytes.concat(data);
    }

    boolean isEmpty() {
        return bytes.isEmpty();
    }

    /** Ready to read the next request's head from what is here and what comes. */
    void nextRequest() {
        if (parser == null) {
            parser = new RequestHeadParser(maxHeadBytes, maxHeaderFields);
        } else {
            parser.reset();
        }
        fed = 0;
    }

    /** Feeds the parser what it has not seen yet. */
    Head parseHead() {
        ByteBuffer unseen = bytes.drop(fed).asByteBuffer();
        RequestHeadParser.Result result = parser.feed(unseen);
        fed += unseen.position();
        if (result instanceof RequestHeadParser.Failed failed) {
            return new Head.Bad(failed.status(), failed.reason(), bytes);
        }
        if (result instanceof RequestHeadParser.Complete parsed) {
            ByteString request = bytes;
            int headLength = fed;
            bytes = bytes.drop(fed);
            fed = 0;
            return new Head.Parsed(parsed.head(), request, headLength);
        }
        return MORE;
    }

    /** The raw path of the request being read, when its request line is here; else null. */
    String rawPath() {
        return LeanResponses.rawPathOf(bytes);
    }

    /** The next {@code length} bytes (a request body), or null while fewer are here. */
    ByteString takeBody(int length) {
        if (bytes.size() < length) {
            return null;
        }
        ByteString body = bytes.take(length);
        bytes = bytes.drop(length);
        return body;
    }

    /** Everything left, for the WebSocket or Pekko HTTP that reads this connection from now on. */
    ByteString takeAll() {
        ByteString all = bytes;
        bytes = ByteString.emptyByteString();
        fed = 0;
        parser = null;
        return all;
    }
}
