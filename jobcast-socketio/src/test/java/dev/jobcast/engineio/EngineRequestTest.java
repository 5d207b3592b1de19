package dev.jobcast.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a request to the Engine.IO endpoint asks for, decided the same way for every
 * transport adapter (Engine.IO v4 "Handshake" and "Transports"; the error codes of the
 * reference server).
 */
class EngineRequestTest {
    private static final EngineConfig CONFIG = EngineConfig.defaults("/socket.io/");
    private static final OriginPolicy ANY = new OriginPolicy(List.of("*"));

    private static EngineRequest decide(String method, Map<String, String> query, boolean upgrade) {
        return EngineRequest.decide(CONFIG, ANY, method, query, null, upgrade);
    }

    private static EngineRequest.Reject reject(EngineError e) {
        return new EngineRequest.Reject(e);
    }

    @Test
    void aPollingHandshakeIsAGetWithoutSid() {
        assertEquals(new EngineRequest.OpenPolling(), decide("GET", Map.of("EIO", "4", "transport", "polling"), false));
        assertEquals(reject(EngineError.BAD_HANDSHAKE_METHOD),
                decide("POST", Map.of("EIO", "4", "transport", "polling"), false));
    }

    @Test
    void pollingRequestsOfASessionAreGetAndPost() {
        Map<String, String> q = Map.of("EIO", "4", "transport", "polling", "sid", "abc");
        assertEquals(new EngineRequest.Poll("abc"), decide("GET", q, false));
        assertEquals(new EngineRequest.Post("abc"), decide("POST", q, false));
        assertEquals(reject(EngineError.BAD_REQUEST), decide("PUT", q, false));
    }

    @Test
    void aWebSocketOpensOrUpgradesASessionOnlyWithAnUpgradeRequest() {
        assertEquals(new EngineRequest.OpenWebSocket(), decide("GET", Map.of("EIO", "4", "transport", "websocket"), true));
        assertEquals(new EngineRequest.UpgradeWebSocket("abc"),
                decide("GET", Map.of("EIO", "4", "transport", "websocket", "sid", "abc"), true));
        assertEquals(reject(EngineError.BAD_REQUEST), decide("GET", Map.of("EIO", "4", "transport", "websocket"), false));
    }

    @Test
    void theProtocolVersionAndTransportAreChecked() {
        assertEquals(reject(EngineError.UNSUPPORTED_PROTOCOL_VERSION), decide("GET", Map.of("transport", "polling"), false));
        assertEquals(reject(EngineError.UNSUPPORTED_PROTOCOL_VERSION),
                decide("GET", Map.of("EIO", "3", "transport", "polling"), false));
        assertEquals(reject(EngineError.UNKNOWN_TRANSPORT), decide("GET", Map.of("EIO", "4", "transport", "flash"), false));
        assertEquals(reject(EngineError.UNKNOWN_TRANSPORT), decide("GET", Map.of("EIO", "4"), false));
    }

    @Test
    void aTransportTurnedOffIsUnknown() {
        EngineConfig wsOnly = CONFIG.withTransports(false, true);
        assertEquals(reject(EngineError.UNKNOWN_TRANSPORT), EngineRequest.decide(wsOnly, ANY, "GET",
                Map.of("EIO", "4", "transport", "polling"), null, false));
    }

    @Test
    void originsOutsideThePolicyAreForbiddenBeforeAnythingElse() {
        OriginPolicy one = new OriginPolicy(List.of("https://app.example"));
        assertEquals(reject(EngineError.FORBIDDEN),
                EngineRequest.decide(CONFIG, one, "OPTIONS", Map.of(), "https://evil.example", false));
        assertEquals(new EngineRequest.Preflight(),
                EngineRequest.decide(CONFIG, one, "OPTIONS", Map.of(), "https://app.example", false));
        assertEquals(new EngineRequest.OpenPolling(), EngineRequest.decide(CONFIG, one, "GET",
                Map.of("EIO", "4", "transport", "polling"), null, false), "no Origin: not a browser, not checked");
    }

    @Test
    void corsHeadersNameTheOriginOnlyWhenThereIsOne() {
        assertEquals(List.of(), EngineRequest.corsHeaders(null));
        assertEquals(List.of(new EngineRequest.Header("Access-Control-Allow-Origin", "https://app.example"),
                        new EngineRequest.Header("Access-Control-Allow-Credentials", "true"),
                        new EngineRequest.Header("Vary", "Origin")),
                EngineRequest.corsHeaders("https://app.example"));
        assertEquals(List.of(new EngineRequest.Header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        new EngineRequest.Header("Access-Control-Max-Age", "86400"),
                        new EngineRequest.Header("Access-Control-Allow-Headers", "content-type")),
                EngineRequest.preflightHeaders(null, "content-type"));
    }
}
