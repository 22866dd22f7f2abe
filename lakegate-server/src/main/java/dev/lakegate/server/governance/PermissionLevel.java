package dev.lakegate.server.governance;

/** What a grant on a serving endpoint allows, in the managed product's names. */
public enum PermissionLevel {
    /** Call the endpoint from any surface, and see it in the models lists. */
    CAN_QUERY("Can query the endpoint"),
    /** Query, and change the endpoint's permissions (later its ai-gateway settings too). */
    CAN_MANAGE("Can query the endpoint and manage its permissions");

    private final String description;

    PermissionLevel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether holding this level grants {@code wanted}: CAN_MANAGE includes CAN_QUERY. */
    public boolean implies(PermissionLevel wanted) {
        return this == wanted || this == CAN_MANAGE;
    }
}
