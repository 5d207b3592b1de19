package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SocketAttributesTest {
    private static final AttributeKey<String> USER = AttributeKey.of("user", String.class);
    private static final AttributeKey<Integer> LEVEL = AttributeKey.of("level", Integer.class);

    @Test
    void typedValuesByKeyWithNoCast() {
        SocketAttributes a = SocketAttributes.of(USER, "ada").with(LEVEL, 3);
        String user = a.get(USER);
        int level = a.get(LEVEL);
        assertEquals("ada", user);
        assertEquals(3, level);
        assertNull(SocketAttributes.EMPTY.get(USER));
    }

    @Test
    void keysAreComparedByIdentityNotByName() {
        AttributeKey<String> otherUser = AttributeKey.of("user", String.class);
        assertNull(SocketAttributes.of(USER, "ada").get(otherUser));
    }

    @Test
    void immutableReplaceAndRemove() {
        SocketAttributes a = SocketAttributes.of(USER, "ada");
        SocketAttributes b = a.with(USER, "grace");
        assertEquals("ada", a.get(USER));
        assertEquals("grace", b.get(USER));
        assertSame(SocketAttributes.EMPTY, b.with(USER, null));
        assertSame(a, a.with(LEVEL, null), "removing what is not there changes nothing");
    }

    @Test
    void laterAttributesWinWhenMerged() {
        SocketAttributes merged = SocketAttributes.of(USER, "ada").with(LEVEL, 1).and(SocketAttributes.of(LEVEL, 2));
        assertEquals("ada", merged.get(USER));
        assertEquals(2, merged.get(LEVEL));
        assertTrue(SocketAttributes.EMPTY.and(SocketAttributes.EMPTY).isEmpty());
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttributeKey<Object> raw = (AttributeKey) LEVEL;
        assertThrows(ClassCastException.class, () -> SocketAttributes.EMPTY.with(raw, "not a number"));
    }
}
