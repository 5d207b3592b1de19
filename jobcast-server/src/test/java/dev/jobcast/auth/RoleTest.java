// Role: wire names in tokens, and nothing else parses.
package dev.jobcast.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void wireNamesRoundTrip() {
        assertEquals("user", Role.USER.wire());
        assertEquals("worker", Role.WORKER.wire());
        assertEquals("admin", Role.ADMIN.wire());
        for (Role role : Role.values()) {
            assertEquals(Optional.of(role), Role.fromWire(role.wire()));
        }
    }

    @Test
    void unknownOrMisspelledNamesAreEmpty() {
        assertEquals(Optional.empty(), Role.fromWire(null));
        assertEquals(Optional.empty(), Role.fromWire(""));
        assertEquals(Optional.empty(), Role.fromWire("ADMIN"));
        assertEquals(Optional.empty(), Role.fromWire("root"));
        assertEquals(Optional.empty(), Role.fromWire(" admin"));
    }
}
