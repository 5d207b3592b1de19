package dev.jobcast.socketio;

import java.util.Arrays;
import java.util.Objects;

/**
 * What is attached to a socket, by {@link AttributeKey}: immutable, and as small as a server
 * of tens of thousands of sockets needs (one array of key, value pairs; nothing when empty).
 */
public final class SocketAttributes {
    public static final SocketAttributes EMPTY = new SocketAttributes(new Object[0]);

    private final Object[] pairs;

    private SocketAttributes(Object[] pairs) {
        this.pairs = pairs;
    }

    public static <T> SocketAttributes of(AttributeKey<T> key, T value) {
        return EMPTY.with(key, value);
    }

    /** The value of {@code key}, or null. */
    public <T> T get(AttributeKey<T> key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == key) {
                return key.cast(pairs[i + 1]);
            }
        }
        return null;
    }

    /** These attributes with {@code key} set to {@code value} (or removed, when it is null). */
    public <T> SocketAttributes with(AttributeKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == key) {
                if (value == null) {
                    Object[] fewer = new Object[pairs.length - 2];
                    System.arraycopy(pairs, 0, fewer, 0, i);
                    System.arraycopy(pairs, i + 2, fewer, i, pairs.length - i - 2);
                    return fewer.length == 0 ? EMPTY : new SocketAttributes(fewer);
                }
                Object[] changed = pairs.clone();
                changed[i + 1] = key.cast(value);
                return new SocketAttributes(changed);
            }
        }
        if (value == null) {
            return this;
        }
        Object[] more = Arrays.copyOf(pairs, pairs.length + 2);
        more[pairs.length] = key;
        more[pairs.length + 1] = key.cast(value);
        return new SocketAttributes(more);
    }

    /** These attributes, then {@code later}'s over them. */
    public SocketAttributes and(SocketAttributes later) {
        SocketAttributes merged = this;
        for (int i = 0; i < later.pairs.length; i += 2) {
            merged = merged.withRaw((AttributeKey<?>) later.pairs[i], later.pairs[i + 1]);
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private <T> SocketAttributes withRaw(AttributeKey<T> key, Object value) {
        return with(key, (T) value);
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            s.append(i == 0 ? "" : ", ").append(((AttributeKey<?>) pairs[i]).name()).append('=').append(pairs[i + 1]);
        }
        return s.append('}').toString();
    }
}
