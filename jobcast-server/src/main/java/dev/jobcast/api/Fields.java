package dev.jobcast.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.jobs.ingest.JsonFields;
import java.util.function.Supplier;

/**
 * Typed reads of a request object's fields ({@link JsonFields}), a wrong one answered 400
 * with the field's name and what was expected.
 */
final class Fields {
    private Fields() {
    }

    static String requiredString(ObjectNode body, String name) {
        return read(() -> JsonFields.requiredString(body, name));
    }

    static String optionalString(ObjectNode body, String name) {
        return read(() -> JsonFields.optionalString(body, name));
    }

    static int requiredInt(ObjectNode body, String name, int min, int max) {
        return read(() -> JsonFields.requiredInt(body, name, min, max));
    }

    /** Any JSON; absent and JSON null both give null (one way to say "no value"). */
    static JsonNode optionalJson(ObjectNode body, String name) {
        return JsonFields.optionalJson(body, name);
    }

    private static <T> T read(Supplier<T> field) {
        try {
            return field.get();
        } catch (JsonFields.Invalid e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
