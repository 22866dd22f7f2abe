package dev.lakegate.server.api.admin;

import dev.lakegate.server.governance.PrincipalType;

/** The two SCIM resources over principals, and the names each uses. */
enum ScimKind {
    USERS(PrincipalType.USER, "Users", "userName", "User", "user"),
    SERVICE_PRINCIPALS(PrincipalType.SERVICE_PRINCIPAL, "ServicePrincipals", "applicationId", "ServicePrincipal", "service principal");

    static final String BASE = "/api/2.0/preview/scim/v2/";

    final PrincipalType type;
    final String path;
    /** The attribute that carries the principal's unique name. */
    final String nameAttribute;
    final String resourceType;
    final String label;

    ScimKind(PrincipalType type, String segment, String nameAttribute, String resourceType, String label) {
        this.type = type;
        this.path = BASE + segment;
        this.nameAttribute = nameAttribute;
        this.resourceType = resourceType;
        this.label = label;
    }

    String schema() {
        return "urn:ietf:params:scim:schemas:core:2.0:" + resourceType;
    }
}
