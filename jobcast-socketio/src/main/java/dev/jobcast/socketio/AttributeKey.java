package dev.jobcast.socketio;

/**
 * The name and type of one thing an application attaches to its sockets (the user a
 * middleware authenticated, say): {@code socket.get(USER)} is then a {@code User}, with no
 * cast. Keys are compared by identity: declare each once, as a constant.
 */
public final class AttributeKey<T> {
    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
