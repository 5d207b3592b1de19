package dev.jobcast.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path like {@code /api/jobs/{id}/cancel}: literal segments and named one-segment
 * variables. Matching is exact (no trailing slash, no empty segment), so every served
 * path has exactly one spelling and the OpenAPI document can name it.
 */
public record PathTemplate(String text, List<String> segments) {

    public static PathTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + text);
        }
        List<String> segments = split(text);
        for (String s : segments) {
            if (s.isEmpty() || (s.contains("{") || s.contains("}")) && !isVariable(s)) {
                throw new IllegalArgumentException("bad segment '" + s + "' in path template " + text);
            }
        }
        return new PathTemplate(text, List.copyOf(segments));
    }

    /** The variables' values when {@code path} fits this template. */
    public Optional<Map<String, String>> match(String path) {
        List<String> actual = split(path);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> vars = null;
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String got = actual.get(i);
            if (isVariable(expected)) {
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                if (vars == null) {
                    vars = new HashMap<>(2);
                }
                vars.put(expected.substring(1, expected.length() - 1), got);
            } else if (!expected.equals(got)) {
                return Optional.empty();
            }
        }
        return Optional.of(vars == null ? Map.of() : vars);
    }

    public List<String> variables() {
        return segments.stream().filter(PathTemplate::isVariable).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")
                && segment.indexOf('{', 1) < 0 && segment.indexOf('}') == segment.length() - 1;
    }

    // "/" has no segments; "/a/" has two ("a" and ""), which no template accepts.
    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty() || path.equals("/")) {
            return out;
        }
        int from = path.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                out.add(path.substring(from));
                return out;
            }
            out.add(path.substring(from, slash));
            from = slash + 1;
        }
    }
}
