package dev.jobcast.socketio;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rooms a socket joined besides its own, in the order joined, kept small: nothing for
 * none, the name alone for one (the usual case: a subscriber watches one thing), a set for
 * more. A server holds tens of thousands of sockets.
 */
final class JoinedRooms {

    /** null, a String, or a LinkedHashSet of two or more. */
    private Object rooms;

    /** False if {@code room} was already there. */
    boolean add(String room) {
        if (rooms == null) {
            rooms = room;
            return true;
        }
        if (rooms instanceof String one) {
            if (one.equals(room)) {
                return false;
            }
            Set<String> set = new LinkedHashSet<>(4);
            set.add(one);
            rooms = set;
        }
        return set().add(room);
    }

    /** False if {@code room} was not there. */
    boolean remove(String room) {
        if (rooms instanceof String one) {
            if (!one.equals(room)) {
                return false;
            }
            rooms = null;
            return true;
        }
        if (rooms == null || !set().remove(room)) {
            return false;
        }
        if (set().size() == 1) {
            rooms = set().iterator().next();
        }
        return true;
    }

    boolean contains(String room) {
        return rooms instanceof String one ? one.equals(room) : rooms != null && set().contains(room);
    }

    int size() {
        return rooms == null ? 0 : rooms instanceof String ? 1 : set().size();
    }

    /** {@code first}, then the joined rooms in the order joined; a snapshot nobody can change. */
    Set<String> after(String first) {
        Set<String> all = new LinkedHashSet<>(4 + size() * 2);
        all.add(first);
        if (rooms instanceof String one) {
            all.add(one);
        } else if (rooms != null) {
            all.addAll(set());
        }
        return Collections.unmodifiableSet(all);
    }

    @SuppressWarnings("unchecked")
    private Set<String> set() {
        return (Set<String>) rooms;
    }
}
