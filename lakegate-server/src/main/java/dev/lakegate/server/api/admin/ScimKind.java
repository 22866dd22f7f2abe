package dev.lakegate.server.api.admin;

import dev.lakegate.server.governance.PrincipalType;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The two SCIM resources over principals, and the names each uses. */
enum ScimKind {
    USERS(PrincipalType.USER, "Users", "userName", "User", "user"),
    SERVICE_PRINCIPALS(PrincipalType.SERVICE_PRINCIPAL, "ServicePrincipals", "applicationId", "ServicePrincipal", "service principal");

    static final String BASE = "/api/2.0/preview/scim/v2/";

    final PrincipalType type;
    /** The path segment after {@link #BASE}, also the start of a {@code $ref}. */
    final String segment;
    final String path;
    /** The attribute that carries the principal's unique name. */
    final String nameAttribute;
    final String resourceType;
    final String label;

    ScimKind(PrincipalType type, String segment, String nameAttribute, String resourceType, String label) {
        this.type = type;
        this.segment = segment;
        this.path = BASE + segment;
        this.nameAttribute = nameAttribute;
        this.resourceType = resourceType;
        this.label = label;
    }

    static ScimKind of(PrincipalType type) {
        return switch (type) {
            case USER -> USERS;
            case SERVICE_PRINCIPAL -> SERVICE_PRINCIPALS;
        };
    }

    String schema() {
        return "urn:ietf:params:scim:schemas:core:2.0:" + resourceType;
    }

    /** What {@code ?filter=} may test, for {@link ScimFilter}. */
    Map<String, Function<PrincipalRecord, String>> filterAttributes() {
        Map<String, Function<PrincipalRecord, String>> attributes = new LinkedHashMap<>();
        attributes.put(nameAttribute, PrincipalRecord::name);
        attributes.put("displayName", PrincipalRecord::displayName);
        if (this == USERS) {
            attributes.put("emails", PrincipalRecord::email);
            attributes.put("emails.value", PrincipalRecord::email);
        }
        attributes.put("id", p -> String.valueOf(p.id()));
        attributes.put("active", p -> String.valueOf(p.active()));
        return attributes;
    }
}
