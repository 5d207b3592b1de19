package dev.jobcast.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jobcast.socketio.codec.Json;

/** Turns Java values into event arguments: byte[] become binary attachments. */
public final class Args {
    private Args() {
    }

    public static ArrayNode of(Object... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
        for (Object v : values) {
            array.add(node(v));
        }
        return array;
    }

    public static JsonNode node(Object v) {
        if (v == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof byte[] b) {
            return JsonNodeFactory.instance.binaryNode(b);
        }
        if (v instanceof String s) {
            return JsonNodeFactory.instance.textNode(s);
        }
        return Json.MAPPER.valueToTree(v);
    }

    /** Event name first, then its arguments. */
    static ArrayNode event(String name, ArrayNode args) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(args.size() + 1);
        array.add(name);
        array.addAll(args);
        return array;
    }
}
