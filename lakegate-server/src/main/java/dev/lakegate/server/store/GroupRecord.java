package dev.lakegate.server.store;

import java.time.Instant;

/** A stored group of users and service principals; its name shares the principals' namespace. */
public record GroupRecord(long id, String name, Instant createdAt) {
    /** The built-in group every active principal belongs to without a stored membership. */
    public static final String USERS = "users";
    /** Its id, fixed by the migration that created it. */
    public static final long USERS_ID = 1;

    /** The built-in {@code users} group, which can be neither deleted nor given members. */
    public boolean builtIn() {
        return id == USERS_ID;
    }
}
