// Attachment placeholders {"_placeholder":true,"num":N} (Socket.IO protocol v5, "Format" and the
// BINARY_EVENT / BINARY_ACK examples): swapping BinaryNodes out for encoding and back in on decode.
package dev.jobcast.socketio.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

final class Placeholders {

    private static final String MARK = "_placeholder";
    private static final String NUM = "num";

    private Placeholders() {
    }

    static boolean containsBinary(JsonNode n) {
        if (n == null) {
            return false;
        }
        if (n.isBinary()) {
            return true;
        }
        for (JsonNode child : n) {
            if (containsBinary(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the tree (containers only; leaves are immutable and shared) with every BinaryNode
     * replaced by a placeholder, numbered depth-first, appending its bytes to {@code out}.
     * Copying rather than editing in place keeps the caller's tree intact for reuse.
     */
    static JsonNode extract(JsonNode n, List<byte[]> out) {
        if (n instanceof BinaryNode b) {
            ObjectNode ph = Json.MAPPER.createObjectNode();
            ph.put(MARK, true);
            ph.put(NUM, out.size());
            out.add(b.binaryValue());
            return ph;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            for (JsonNode child : a) {
                copy.add(extract(child, out));
            }
            return copy;
        }
        if (n instanceof ObjectNode o) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                copy.set(e.getKey(), extract(e.getValue(), out));
            }
            return copy;
        }
        return n;
    }

    /**
     * Checks, before any attachment arrives, that the placeholders match the declared count
     * one-to-one, so a bad header is rejected early instead of after buffering its binaries.
     */
    static void check(JsonNode data, int declared) throws SioDecodeException {
        BitSet seen = new BitSet(declared);
        int found = count(data, declared, seen);
        if (found != declared) {
            throw new SioDecodeException("packet declares " + declared
                    + " attachment(s) but has " + found + " placeholder(s)");
        }
    }

    private static int count(JsonNode n, int declared, BitSet seen) throws SioDecodeException {
        if (isPlaceholder(n)) {
            int num = num(n, declared);
            if (seen.get(num)) {
                throw new SioDecodeException("attachment " + num + " referenced twice");
            }
            seen.set(num);
            return 1;
        }
        int total = 0;
        for (JsonNode child : n) {
            total += count(child, declared, seen);
        }
        return total;
    }

    private static int num(JsonNode ph, int declared) throws SioDecodeException {
        JsonNode num = ph.get(NUM);
        if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()) {
            throw new SioDecodeException("placeholder without an integer num");
        }
        int v = num.intValue();
        if (v < 0 || v >= declared) {
            throw new SioDecodeException("placeholder num " + v + " out of range for "
                    + declared + " attachment(s)");
        }
        return v;
    }

    /** Replaces, in place, the placeholders of a tree that {@link #check} accepted. */
    static void fill(JsonNode n, List<byte[]> attachments) {
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (isPlaceholder(a.get(i))) {
                    a.set(i, BinaryNode.valueOf(attachments.get(a.get(i).get(NUM).intValue())));
                } else {
                    fill(a.get(i), attachments);
                }
            }
        } else if (n instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (isPlaceholder(e.getValue())) {
                    keys.add(e.getKey());
                } else {
                    fill(e.getValue(), attachments);
                }
            }
            for (String k : keys) {
                o.set(k, BinaryNode.valueOf(attachments.get(o.get(k).get(NUM).intValue())));
            }
        }
    }

    // As in the reference parser, only a literal true marks a placeholder; other objects are data.
    private static boolean isPlaceholder(JsonNode n) {
        if (!n.isObject()) {
            return false;
        }
        JsonNode mark = n.get(MARK);
        return mark != null && mark.isBoolean() && mark.booleanValue();
    }
}
