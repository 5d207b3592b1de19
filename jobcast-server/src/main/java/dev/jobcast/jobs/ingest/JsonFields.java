package dev.jobcast.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Typed reads of a JSON object's fields, shared by the REST API and the worker channel. A
 * field that is absent or JSON null counts as not given; a field of the wrong type is an
 * {@link Invalid} naming the field, never a silent coercion ("50" is not a progress, 50.5
 * is not an integer).
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** A field the caller got wrong; the message says which and why, for the client. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static String requiredString(JsonNode body, String name) {
        String value = optionalString(body, name);
        if (value == null) {
            throw new Invalid(name + " is required (a string)");
        }
        return value;
    }

    public static String optionalString(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid(name + " must be a string, got " + typeOf(node));
        }
        return node.textValue();
    }

    public static int requiredInt(JsonNode body, String name, int min, int max) {
        Integer value = optionalInt(body, name, min, max);
        if (value == null) {
            throw new Invalid(name + " is required (an integer " + min + ".." + max + ")");
        }
        return value;
    }

    public static Integer optionalInt(JsonNode body, String name, int min, int max) {
        Long value = optionalLong(body, name, min, max);
        return value == null ? null : value.intValue();
    }

    public static Long optionalLong(JsonNode body, String name, long min, long max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new Invalid(name + " must be an integer " + min + ".." + max + ", got " + typeOf(node)
                    + (node.isNumber() ? " " + node.asText() : ""));
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new Invalid(name + " must be between " + min + " and " + max + ", got " + node.asText());
        }
        return node.longValue();
    }

    /** Any JSON; absent and JSON null both give null (one way to say "no value"). */
    public static JsonNode optionalJson(JsonNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** "a string", "an integer", "a decimal number", ...: for messages. */
    public static String typeOf(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
