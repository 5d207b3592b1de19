// TokenParsing: the bearer token out of an Authorization header, or nothing.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenParsingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bearer abc.def.ghi|abc.def.ghi",
        "bearer abc|abc",
        "BEARER abc|abc",
        "'  Bearer    abc  '|abc",
        "'Bearer\tabc'|abc"})
    void extractsTheToken(String header, String token) {
        assertEquals(Optional.of(token), TokenParsing.bearer(header));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwdw==", "Bearerabc", "Token abc",
        "abc.def.ghi", "Bearer a b", "Bear abc"})
    void anythingElseIsEmpty(String header) {
        assertEquals(Optional.empty(), TokenParsing.bearer(header));
    }
}
