package dev.jobcast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobcast.api.ApiServer.Backend;
import dev.jobcast.api.ApiServer.Reply;
import dev.jobcast.auth.Role;
import dev.jobcast.auth.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who may do what: every bad token is a 401 that says why, roles are checked, jobs stay private. */
class SecurityTest {

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

        @Test
        void noTokenIsRefusedWithTheBareChallenge() {
            Reply r = api.get("/api/jobs", null);
            assertUnauthorized(r, "missing");
            assertEquals("Bearer realm=\"jobcast\"", r.header("WWW-Authenticate"));
        }

        @Test
        void aHeaderThatIsNotABearerTokenIsMalformed() {
            Reply basic = api.send("GET", "/api/jobs", null, null, "Authorization", "Basic dXNlcjpwYXNz");
            assertUnauthorized(basic, "malformed");
            Reply twoWords = api.send("GET", "/api/jobs", null, null, "Authorization", "Bearer two words");
            assertUnauthorized(twoWords, "malformed");
        }

        @Test
        void garbageIsMalformed() {
            Reply r = api.get("/api/jobs", "not-a-jwt");
            assertUnauthorized(r, "malformed");
            // RFC 7235 lets the parameter be a token or a quoted string.
            assertTrue(r.header("WWW-Authenticate").replace("\"", "").contains("error=invalid_token"),
                    r.headers()::toString);
        }

        @Test
        void anExpiredTokenIsRefused() {
            User user = api.newUser("late");
            Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
            String token = JWT.create().withSubject(Long.toString(user.id())).withClaim("role", "user")
                    .withIssuedAt(hourAgo.minusSeconds(60)).withExpiresAt(hourAgo)
                    .sign(Algorithm.HMAC256(ApiServer.SECRET));
            assertUnauthorized(api.get("/api/jobs", token), "expired");
        }

        @Test
        void aTokenSignedWithAnotherKeyIsRefused() {
            User user = api.newUser("forger");
            String token = JWT.create().withSubject(Long.toString(user.id())).withClaim("role", "user")
                    .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
                    .sign(Algorithm.HMAC256("another-secret-of-at-least-32-bytes-length"));
            assertUnauthorized(api.get("/api/jobs", token), "bad_signature");
        }

        @Test
        void anUnsignedTokenIsRefused() {
            User user = api.newUser("unsigned");
            String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            String claims = b64("{\"sub\":\"" + user.id() + "\",\"role\":\"worker\",\"exp\":"
                    + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}");
            assertUnauthorized(api.get("/api/jobs", header + "." + claims + "."), "algorithm_not_allowed");
            String viaLibrary = JWT.create().withSubject(Long.toString(user.id()))
                    .withExpiresAt(Instant.now().plus(Duration.ofHours(1))).sign(Algorithm.none());
            assertUnauthorized(api.get("/api/jobs", viaLibrary), "algorithm_not_allowed");
        }

        @Test
        void aTokenOfAnUnknownUserIsRefused() {
            String token = api.server.tokens().issue(987_654_321L, Role.USER, Duration.ofHours(1));
            assertUnauthorized(api.get("/api/jobs", token), "unknown_user");
        }

        @Test
        void aDisabledUsersTokenStopsWorking() throws Exception {
            User user = api.newUser("leaver");
            String token = api.token(user, Role.USER);
            assertEquals(200, api.get("/api/jobs", token).status());
            api.server.users().setEnabled(user.id(), false);
            // Users are cached for jobcast.auth.cache.user-ttl (5 s by default): the refusal
            // comes within that, not necessarily at the very next request.
            Reply refused = ApiServer.eventually(Duration.ofSeconds(30), "the disabled user's token to be refused",
                    () -> api.get("/api/jobs", token), r -> r.status() != 200);
            assertUnauthorized(refused, "disabled_user");
        }

        @Test
        void everyNonPublicEndpointWantsAToken() {
            for (Endpoint e : Endpoint.all()) {
                if (e.access() == Access.PUBLIC) {
                    continue;
                }
                String path = e.path().text().replace("{id}", "1");
                Reply r = api.send(e.method().name(), path, null,
                        java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
                assertUnauthorized(r, "missing");
            }
        }

        @Test
        void workerEndpointsRefuseOtherRoles() {
            String owner = api.userToken("owner");
            long id = createJob(owner, "{\"type\":\"guarded\"}").path("id").asLong();
            String admin = api.token(api.newUser("admin"), Role.ADMIN);
            for (String token : List.of(owner, admin)) {
                for (String action : List.of("progress", "complete", "fail")) {
                    Reply r = api.post("/api/jobs/" + id + "/" + action, token,
                            "{\"progress\":1,\"error\":\"x\",\"result\":1}");
                    JsonNode body = assertError(r, 403, "forbidden");
                    assertTrue(body.path("message").asText().contains("worker"), r::toString);
                }
            }
            assertEquals("queued", api.get("/api/jobs/" + id, owner).json().path("status").asText(),
                    "nothing was done by the refused calls");
        }

        @Test
        void anotherUsersJobIsInvisibleEverywhere() {
            String alice = api.userToken("alice");
            String bob = api.userToken("bob");
            long id = createJob(alice, "{\"type\":\"secret\",\"input\":{\"k\":\"v\"}}").path("id").asLong();
            long missing = 9_007_199_254_740_990L;
            String expected = "{\"error\":\"not_found\",\"message\":\"Job " + id + " not found or access denied\"}";

            Reply get = api.get("/api/jobs/" + id, bob);
            assertEquals(404, get.status());
            assertEquals(expected, get.body());
            assertEquals(expected, api.get("/api/jobs/" + id + "/events", bob).body());
            assertEquals(expected, api.get("/api/jobs/" + id + "/events?since=0&limit=5", bob).body());
            Reply cancel = api.post("/api/jobs/" + id + "/cancel", bob, null);
            assertEquals(404, cancel.status());
            assertEquals(expected, cancel.body());

            // Byte for byte what a job that does not exist gets, headers included, but for the id.
            Reply none = api.get("/api/jobs/" + missing, bob);
            assertEquals(none.body().replace(Long.toString(missing), Long.toString(id)), get.body());
            assertEquals(none.status(), get.status());
            assertEquals(none.header("Content-Type"), get.header("Content-Type"));
            assertEquals(none.headers().map().keySet(), get.headers().map().keySet());
            Reply noneCancel = api.post("/api/jobs/" + missing + "/cancel", bob, null);
            assertEquals(noneCancel.body().replace(Long.toString(missing), Long.toString(id)), cancel.body());

            ApiServer.eventually(Duration.ofSeconds(10), "alice's listing to show her job",
                    () -> api.get("/api/jobs", alice).json(), page -> JobsApiTest.Cases.ids(page).contains(id));
            assertFalse(JobsApiTest.Cases.ids(api.get("/api/jobs?limit=100", bob).json()).contains(id));
            assertEquals("queued", api.get("/api/jobs/" + id, alice).json().path("status").asText(),
                    "bob's cancel did nothing");
        }

        @Test
        void aWorkerReportsOnAnyonesJob() {
            String owner = api.userToken("owner");
            long id = createJob(owner, "{\"type\":\"shared\"}").path("id").asLong();
            Reply r = api.post("/api/jobs/" + id + "/progress", api.workerToken(), "{\"progress\":3}");
            assertEquals(200, r.status(), r::toString);
            assertEquals(3, api.get("/api/jobs/" + id, owner).json().path("progress").asInt());
        }

        @Test
        void errorsNeverCarryInternals() {
            String token = api.userToken("prober");
            for (Reply r : List.of(api.get("/api/jobs/abc", token), api.post("/api/jobs", token, "{\"type\":"),
                    api.get("/api/jobs", "x.y.z"), api.get("/nope", token))) {
                assertNotEquals(200, r.status());
                for (String leak : List.of("Exception", "\tat ", "dev.jobcast", "org.apache", "java.")) {
                    assertFalse(r.body().contains(leak), () -> "leaks " + leak + ": " + r);
                }
            }
        }

        private static void assertUnauthorized(Reply r, String reason) {
            JsonNode body = assertError(r, 401, "unauthorized");
            assertTrue(body.path("message").asText().startsWith(reason + ": "),
                    () -> "the message starts with the reason " + reason + ": " + r);
            String challenge = r.header("WWW-Authenticate");
            assertTrue(challenge != null && challenge.startsWith("Bearer"), r.headers()::toString);
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
