// Header field lines of RFC 9112 section 5 (name ":" OWS value OWS), their order, and how
// RFC 9110 section 5.3 combines several lines of one name; each malformed line refused.
package dev.jobcast.engineio.adapter.lean.http;

import static dev.jobcast.engineio.adapter.lean.http.Heads.assertRefused;
import static dev.jobcast.engineio.adapter.lean.http.Heads.get;
import static dev.jobcast.engineio.adapter.lean.http.Heads.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFieldsTest {

    @Test
    void fieldsKeepTheirOrderAndTheNameAsSent() {
        RequestHead h = parse(get("/", "X-B: 2", "x-a: 1", "ACCEPT: */*"));
        assertEquals(List.of(new Header("Host", "localhost"), new Header("X-B", "2"), new Header("x-a", "1"),
                new Header("ACCEPT", "*/*")), h.headers());
    }

    @Test
    void owsAroundTheValueIsTrimmedAndInsideKept() {
        RequestHead h = parse(get("/", "A:x", "B: \t x \t y \t ", "C:", "D:   ", "E:\t1"));
        assertEquals(Optional.of("x"), h.header("A"));
        assertEquals(Optional.of("x \t y"), h.header("B"));
        assertEquals(Optional.of(""), h.header("C"));
        assertEquals(Optional.of(""), h.header("D"));
        assertEquals(Optional.of("1"), h.header("E"));
    }

    @Test
    void lookupIgnoresCaseAndJoinsLinesOfOneName() {
        // RFC 9110 section 5.3's example: two Example-Field lines read as one list.
        RequestHead h = parse(get("/", "Example-Field: Foo, Bar", "example-field: Baz"));
        assertEquals(Optional.of("Foo, Bar, Baz"), h.header("EXAMPLE-FIELD"));
        assertEquals(Optional.of("localhost"), h.header("host"));
        assertEquals(Optional.empty(), h.header("Cookie"));
    }

    @Test
    void obsTextInAValueIsReadAsLatin1() {
        assertEquals(Optional.of("caf\u00e9 \u00ff"), parse(get("/", "X-Name: caf\u00e9 \u00ff")).header("X-Name"));
    }

    @Test
    void whitespaceBeforeTheColonIsRefused() {
        // RFC 9112 section 5.1: a server MUST reject it with 400.
        assertRefused(400, get("/", "X-A : 1"));
        assertRefused(400, get("/", "X-A\t: 1"));
    }

    @Test
    void obsFoldIsRefused() {
        assertRefused(400, get("/", "X-A: 1", " continued"));
        assertRefused(400, get("/", "X-A: 1", "\tcontinued"));
    }

    @Test
    void whitespaceBeforeTheFirstFieldIsRefused() {
        // RFC 9112 section 2.2: it could hide a field from one parser but not another.
        assertRefused(400, "GET / HTTP/1.1\r\n Host: a\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NoColon", ": empty name", "Bad@Name: 1", "Bad(Name): 1", "Bad/Name: 1",
        "Caf\u00e9: 1", "X\u0000: 1", "\"X\": 1", "X Y: 1"})
    void malformedFieldLinesAreRefused(String line) {
        assertRefused(400, get("/", line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X: a\u0000b", "X: a\u0001b", "X: a\u007fb", "X: a\u001bb", "X: a\u000bb", "X: a\u000cb"})
    void controlCharactersInAValueAreRefused(String line) {
        assertRefused(400, get("/", line));
    }

    @Test
    void aCrOrLfInsideAValueIsRefused() {
        assertRefused(400, get("/", "X: a\rb"));
        assertRefused(400, get("/", "X: a\nb"));
    }
}
