package dev.jobcast.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobcast.socketio.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one scenario run, in order: printed as a two-column table for people and
 * as one JSON object (keyed by the short names) for machines.
 */
public final class Report {

    private record Row(String key, String label, Object value, String unit) {
    }

    private final String scenario;
    private final List<Row> rows = new ArrayList<>();

    public Report(String scenario) {
        this.scenario = scenario;
    }

    public Report add(String key, String label, Object value, String unit) {
        rows.add(new Row(key, label, value, unit));
        return this;
    }

    public Report add(String key, String label, Object value) {
        return add(key, label, value, "");
    }

    /** The value under {@code key}, or null (tests read figures back). */
    public Object get(String key) {
        for (Row r : rows) {
            if (r.key.equals(key)) {
                return r.value;
            }
        }
        return null;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("scenario", scenario);
        for (Row r : rows) {
            if (r.value instanceof Long l) {
                o.put(r.key, l);
            } else if (r.value instanceof Integer i) {
                o.put(r.key, i);
            } else if (r.value instanceof Double d) {
                o.put(r.key, d);
            } else if (r.value == null) {
                o.putNull(r.key);
            } else {
                o.put(r.key, r.value.toString());
            }
        }
        return o;
    }

    public String toTable() {
        int width = 0;
        for (Row r : rows) {
            width = Math.max(width, r.label.length());
        }
        StringBuilder sb = new StringBuilder(scenario).append('\n');
        for (Row r : rows) {
            sb.append("  ").append(r.label).append(" ".repeat(width - r.label.length())).append("  ")
                    .append(format(r.value));
            if (!r.unit.isEmpty()) {
                sb.append(' ').append(r.unit);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String format(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(v);
    }
}
