package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * openapi.json and the server agree: every documented operation is served, every served
 * one is documented, and the document is well-formed enough for OpenAPI tools.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @Nested
    class OnH2 extends Cases {
        OnH2() {
            super(Backend.H2);
        }
    }

    @Nested
    class OnPostgreSQL extends Cases {
        OnPostgreSQL() {
            super(Backend.POSTGRESQL);
        }
    }

    abstract static class Cases extends ApiTestBase {
        Cases(Backend backend) {
            super(backend);
        }

        private JsonNode document() {
            Reply r = api.get("/openapi.json", null);
            assertEquals(200, r.status(), r::toString);
            assertEquals("application/json", r.header("Content-Type"));
            return r.json();
        }

        @Test
        void theDocumentListsExactlyTheRouteTable() {
            Set<String> documented = operations(document());
            Set<String> table = new TreeSet<>();
            Endpoint.all().forEach(e -> table.add(e.describe()));
            assertEquals(table, documented);
        }

        @Test
        void everyDocumentedOperationIsServed() {
            String user = api.userToken("docs");
            String worker = api.workerToken();
            long id = createJob(user, "{\"type\":\"documented\"}").path("id").asLong();
            JsonNode paths = document().path("paths");
            List<String> checked = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                    String method = m.next();
                    if (!METHODS.contains(method)) {
                        continue;
                    }
                    boolean forWorkers = "worker".equals(path.getValue().path(method).path("x-required-role").asText());
                    String concrete = path.getKey().replace("{id}", Long.toString(id));
                    Reply r = api.send(method.toUpperCase(), concrete, forWorkers ? worker : user,
                            method.equals("get") ? null : BodyPublishers.ofString("{}"));
                    String what = method.toUpperCase() + " " + concrete + " -> " + r;
                    assertNotEquals(404, r.status(), what);
                    assertNotEquals(405, r.status(), what);
                    assertTrue(r.status() < 500, what);
                    checked.add(method + " " + path.getKey());
                }
            }
            assertEquals(Endpoint.values().length, checked.size(), checked::toString);
        }

        @Test
        void undocumentedMethodsOfDocumentedPathsAreNotServed() {
            String user = api.userToken("docs");
            JsonNode paths = document().path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                String concrete = path.getKey().replace("{id}", "1");
                for (String method : List.of("get", "post", "put", "delete", "patch")) {
                    if (path.getValue().has(method)) {
                        continue;
                    }
                    Reply r = api.send(method.toUpperCase(), concrete, user,
                            method.equals("get") || method.equals("delete") ? null : BodyPublishers.ofString("{}"));
                    assertEquals(405, r.status(), () -> method + " " + concrete + " is not documented: " + r);
                }
            }
        }

        @Test
        void theApiInfoListsTheDocumentedEndpoints() {
            JsonNode info = api.get("/", null).json();
            Set<String> listed = new TreeSet<>();
            info.path("endpoints").forEach(e -> listed.add(e.asText()));
            assertEquals(operations(document()), listed);
            assertEquals(document().path("info").path("version").asText(), info.path("version").asText());
            assertEquals("/openapi.json", info.path("docs").asText());
        }

        @Test
        void securityIsDocumentedAsTheRouterEnforcesIt() {
            JsonNode doc = document();
            assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearerAuth").path("scheme")
                    .asText());
            assertTrue(doc.path("security").get(0).has("bearerAuth"), "bearer is the default");
            for (Endpoint e : Endpoint.all()) {
                JsonNode op = doc.path("paths").path(e.path().text()).path(e.openApiMethod());
                boolean open = op.has("security") && op.path("security").isArray() && op.path("security").isEmpty();
                assertEquals(e.access() == Access.PUBLIC, open, e.describe() + " security: " + op.path("security"));
                assertEquals(e.access() == Access.WORKER, "worker".equals(op.path("x-required-role").asText()),
                        e.describe());
                if (e.access() != Access.PUBLIC) {
                    assertTrue(op.path("responses").has("401"), e.describe() + " documents its 401");
                }
                if (e.access() == Access.WORKER) {
                    assertTrue(op.path("responses").has("403"), e.describe() + " documents its 403");
                }
            }
        }

        @Test
        void theDocumentIsWellFormed() {
            JsonNode doc = document();
            assertTrue(doc.path("openapi").asText().startsWith("3.0."), "an OpenAPI 3.0 document");
            assertFalse(doc.path("info").path("title").asText().isBlank());
            assertFalse(doc.path("info").path("version").asText().isBlank());
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertFalse(refs.isEmpty());
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/"), ref);
                JsonNode target = doc.at(ref.substring(1));
                assertFalse(target.isMissingNode(), () -> "unresolved " + ref);
            }
            Pattern var = Pattern.compile("\\{([^}]+)}");
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    assertTrue(METHODS.contains(op.getKey()), "only operations under a path: " + op.getKey());
                    assertTrue(op.getValue().path("responses").size() > 0, path.getKey() + " " + op.getKey());
                    assertFalse(op.getValue().path("operationId").asText().isBlank());
                    Set<String> declared = new TreeSet<>();
                    for (JsonNode p : op.getValue().path("parameters")) {
                        JsonNode param = p.has("$ref") ? doc.at(p.path("$ref").asText().substring(1)) : p;
                        if ("path".equals(param.path("in").asText())) {
                            assertTrue(param.path("required").asBoolean(), "path parameters are required");
                            declared.add(param.path("name").asText());
                        }
                    }
                    Set<String> inPath = new TreeSet<>();
                    Matcher m = var.matcher(path.getKey());
                    while (m.find()) {
                        inPath.add(m.group(1));
                    }
                    assertEquals(inPath, declared, path.getKey() + " " + op.getKey() + " declares its path variables");
                }
            }
        }

        @Test
        void theServedDocumentIsTheBundledOne() throws Exception {
            assertEquals(ApiServer.JSON.readTree(SystemRoutes.loadOpenApi()), document());
        }

        private static Set<String> operations(JsonNode doc) {
            Set<String> out = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                    String method = m.next();
                    if (!METHODS.contains(method)) {
                        fail("not an operation: " + method + " under " + path.getKey());
                    }
                    out.add(method.toUpperCase() + " " + path.getKey());
                }
            }
            return out;
        }

        private static void collectRefs(JsonNode node, List<String> refs) {
            if (node.isObject()) {
                if (node.has("$ref")) {
                    refs.add(node.path("$ref").asText());
                }
                node.forEach(child -> collectRefs(child, refs));
            } else if (node.isArray()) {
                node.forEach(child -> collectRefs(child, refs));
            }
        }
    }
}
