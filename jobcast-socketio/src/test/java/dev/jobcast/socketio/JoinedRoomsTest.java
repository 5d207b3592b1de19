package dev.jobcast.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JoinedRoomsTest {

    record Op(boolean add, String room) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        // Few names, so that adds and removes meet the same rooms often.
        Arbitrary<String> rooms = Arbitraries.of("a", "b", "c", "d");
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false), rooms).as(Op::new)
                .list().ofMaxSize(40);
    }

    @Property
    void behavesLikeAnInsertionOrderedSet(@ForAll("ops") List<Op> ops) {
        JoinedRooms joined = new JoinedRooms();
        Set<String> model = new LinkedHashSet<>();
        for (Op op : ops) {
            boolean expected = op.add() ? model.add(op.room()) : model.remove(op.room());
            boolean actual = op.add() ? joined.add(op.room()) : joined.remove(op.room());
            assertEquals(expected, actual, op.toString());
            assertEquals(model.size(), joined.size());
            for (String r : List.of("a", "b", "c", "d")) {
                assertEquals(model.contains(r), joined.contains(r));
            }
            List<String> withOwn = new ArrayList<>();
            withOwn.add("me");
            withOwn.addAll(model);
            assertEquals(withOwn, new ArrayList<>(joined.after("me")));
        }
    }

    @Test
    void aSnapshotCannotBeChangedAndDoesNotFollowLaterJoins() {
        JoinedRooms joined = new JoinedRooms();
        joined.add("a");
        Set<String> snapshot = joined.after("me");
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add("x"));
        joined.add("b");
        assertEquals(List.of("me", "a"), new ArrayList<>(snapshot));
        assertTrue(joined.contains("b"));
        assertFalse(joined.contains("me"));
    }
}
