package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The NUL character (U+0000) is valid in JSON but PostgreSQL stores it in no text or jsonb
 * column, so jobcast refuses it wherever a client sends text (job type, input, messages,
 * stages, results, errors), on every path, rather than accept what one database cannot keep.
 */
public final class NulText {
    private NulText() {
    }

    /** Where in {@code node} (a JSON pointer, "" for the root) a string or key holds NUL, or null. */
    public static String find(JsonNode node) {
        return find(node, "");
    }

    /** The refusal's message for the NUL found at {@code pointer}. */
    public static String problem(String pointer) {
        return "text must not contain the NUL character (U+0000)" + (pointer.isEmpty() ? "" : ", found at " + pointer);
    }

    /** A quick look at raw JSON: NUL can only be there as the escape \u0000. */
    public static boolean mayHold(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0'
                    && json[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    private static String find(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0 ? at : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), at + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String here = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().indexOf('\u0000') >= 0) {
                    return here.replace('\u0000', '?');
                }
                String found = find(field.getValue(), here);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
