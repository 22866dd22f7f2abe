package dev.lakegate.server.governance;

/** Who an endpoint permission is granted to, and the field of an access control entry that names it. */
public enum GranteeKind {
    USER("user_name", "user"),
    SERVICE_PRINCIPAL("service_principal_name", "service principal"),
    GROUP("group_name", "group");

    private final String field;
    private final String label;

    GranteeKind(String field, String label) {
        this.field = field;
        this.label = label;
    }

    /** For messages: "user", "service principal", "group". */
    public String label() {
        return label;
    }

    /** The JSON/YAML field naming a grantee of this kind, e.g. {@code group_name}. */
    public String field() {
        return field;
    }

    /** The kind of grant that names a principal of this type. */
    public static GranteeKind of(PrincipalType type) {
        return switch (type) {
            case USER -> USER;
            case SERVICE_PRINCIPAL -> SERVICE_PRINCIPAL;
        };
    }
}
