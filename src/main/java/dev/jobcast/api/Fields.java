package dev.jobcast.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed reads of a request object's fields. A field that is absent or JSON null counts as
 * not given; a field of the wrong type is a 400 naming the field, never a silent coercion
 * ("50" is not a progress, 50.5 is not an integer).
 */
final class Fields {
    private Fields() {
    }

    static String requiredString(ObjectNode body, String name) {
        String value = optionalString(body, name);
        if (value == null) {
            throw ApiException.badRequest(name + " is required (a string)");
        }
        return value;
    }

    static String optionalString(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(name + " must be a string, got " + typeOf(node));
        }
        return node.textValue();
    }

    static int requiredInt(ObjectNode body, String name, int min, int max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(name + " is required (an integer " + min + ".." + max + ")");
        }
        if (!node.isIntegralNumber()) {
            throw ApiException.badRequest(name + " must be an integer " + min + ".." + max + ", got " + typeOf(node)
                    + (node.isNumber() ? " " + node.asText() : ""));
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", got " + node.asText());
        }
        return node.intValue();
    }

    /** Any JSON; absent and JSON null both give null (one way to say "no value"). */
    static JsonNode optionalJson(ObjectNode body, String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static String typeOf(JsonNode node) {
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
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
