// The origin-form request-target (RFC 9112 section 3.2.1, RFC 3986 sections 2-3): the path
// percent-decoded as UTF-8, the query as application/x-www-form-urlencoded; what RFC 3986
// does not allow unescaped, or escapes that decode to no UTF-8, refused with 400.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.assertRefused;
import static dev.jobcast.engineio.adapter.lean.http.Heads.get;
import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetDecodingTest {

    @Test
    void thePathIsPercentDecodedAndPlusStays() {
        RequestHead h = parse(get("/a%20b/c+d/%C3%A9t%C3%A9"));
        assertEquals("/a%20b/c+d/%C3%A9t%C3%A9", h.target());
        assertEquals("/a b/c+d/\u00e9t\u00e9", h.path());
    }

    @Test
    void theQueryIsLeftOutOfThePath() {
        RequestHead h = parse(get("/socket.io/?EIO=4&transport=polling&t=OabcD"));
        assertEquals("/socket.io/", h.path());
        assertEquals(List.of("EIO", "transport", "t"), new ArrayList<>(h.query().keySet()), "in the order sent");
        assertEquals(Map.of("EIO", "4", "transport", "polling", "t", "OabcD"), h.query());
    }

    @Test
    void queryValuesAreFormDecoded() {
        Map<String, String> q = parse(get("/?a=x+y&b=%2B&c=%C3%A9&d%20e=1&f=a=b&g=/?")).query();
        assertEquals(Map.of("a", "x y", "b", "+", "c", "\u00e9", "d e", "1", "f", "a=b", "g", "/?"), q);
    }

    @Test
    void theFirstValueOfANameWins() {
        assertEquals(Map.of("sid", "first"), parse(get("/?sid=first&sid=second")).query());
    }

    @Test
    void emptyPairsAreSkippedAndANameAloneHasAnEmptyValue() {
        assertEquals(Map.of("a", "", "b", "1", "", "v"), parse(get("/?&&a&b=1&=v&")).query());
        assertEquals(Map.of(), parse(get("/?")).query());
        assertEquals(Map.of(), parse(get("/")).query());
    }

    @Test
    void aPathMayStartWithEmptySegments() {
        // "//x" is origin-form (absolute-path = 1*("/" segment)), not an authority.
        assertEquals("//x", parse(get("//x")).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\"b", "/a{b", "/a}b", "/a|b", "/a\\b", "/a^b", "/a`b", "/a<b", "/a>b",
        "/a[b", "/a]b", "/a#frag", "/?a=b#frag", "/?a={}", "/?a=\"x\""})
    void charactersRfc3986DoesNotAllowAreRefused(String target) {
        assertRefused(400, get(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/%4", "/%zz", "/a%g0", "/?a=%", "/?a=%4", "/?%x1=b"})
    void brokenPercentEscapesAreRefused(String target) {
        assertRefused(400, get(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%ff", "/%C3", "/?a=%C3", "/?a=%80", "/?%ED%A0%80=1"})
    void escapesThatAreNoUtf8AreRefused(String target) {
        assertRefused(400, get(target));
    }
}
