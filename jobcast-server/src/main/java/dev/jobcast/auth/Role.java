// What a token lets its holder do: a browser user, an external worker, or an operator.
package dev.jobcast.auth;

import java.util.Optional;

public enum Role {
    USER("user"),
    WORKER("worker"),
    ADMIN("admin");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name in a token's {@code role} claim. */
    public String wire() {
        return wire;
    }

    /**
     * The role with this exact wire name. Case-sensitive on purpose: a claim that grants
     * rights should be spelled one way only, so nothing hinges on locale or lenient parsing.
     */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wire.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
