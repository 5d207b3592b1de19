package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void literalsMatchExactly() {
        PathTemplate jobs = PathTemplate.parse("/api/jobs");
        assertEquals(Optional.of(Map.of()), jobs.match("/api/jobs"));
        for (String other : List.of("/api/jobs/", "/api", "/api/jobs/1", "/API/jobs", "api/jobs/x", "//api/jobs")) {
            assertEquals(Optional.empty(), jobs.match(other), other);
        }
    }

    @Test
    void theRootIsItsOwnTemplate() {
        PathTemplate root = PathTemplate.parse("/");
        assertEquals(Optional.of(Map.of()), root.match("/"));
        assertEquals(Optional.empty(), root.match("/x"));
        assertEquals(Optional.empty(), root.match("//"));
    }

    @Test
    void variablesTakeOneNonEmptySegment() {
        PathTemplate cancel = PathTemplate.parse("/api/jobs/{id}/cancel");
        assertEquals(List.of("id"), cancel.variables());
        assertEquals(Optional.of(Map.of("id", "42")), cancel.match("/api/jobs/42/cancel"));
        assertEquals(Optional.of(Map.of("id", "abc")), cancel.match("/api/jobs/abc/cancel"), "checking is the handler's");
        assertEquals(Optional.empty(), cancel.match("/api/jobs//cancel"));
        assertEquals(Optional.empty(), cancel.match("/api/jobs/1/2/cancel"));
        assertEquals(Optional.empty(), cancel.match("/api/jobs/1/cancel/"));
    }

    @Test
    void malformedTemplatesAreRefused() {
        for (String bad : List.of("api/jobs", "/api//jobs", "/api/{", "/api/{}", "/api/x{id}", "/api/{a}{b}", "/a/")) {
            assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(bad), bad);
        }
    }
}
