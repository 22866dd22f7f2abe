package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.List;

/** SCIM-shaped answers; explicit property names keep the wire format independent of mapper settings. */
final class ScimResources {
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimResources() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resource(
            @JsonProperty("schemas") List<String> schemas,
            @JsonProperty("id") String id,
            @JsonProperty("userName") String userName,
            @JsonProperty("applicationId") String applicationId,
            @JsonProperty("displayName") String displayName,
            @JsonProperty("emails") List<Email> emails,
            @JsonProperty("active") boolean active,
            @JsonProperty("admin") boolean admin,
            @JsonProperty("meta") Meta meta) {}

    record Email(@JsonProperty("value") String value, @JsonProperty("type") String type, @JsonProperty("primary") boolean primary) {}

    record Meta(@JsonProperty("resourceType") String resourceType, @JsonProperty("created") String created) {}

    record ListResponse(
            @JsonProperty("schemas") List<String> schemas,
            @JsonProperty("totalResults") int totalResults,
            @JsonProperty("startIndex") int startIndex,
            @JsonProperty("itemsPerPage") int itemsPerPage,
            @JsonProperty("Resources") List<Resource> resources) {}

    static Resource of(ScimKind kind, PrincipalRecord p) {
        boolean user = kind == ScimKind.USERS;
        List<Email> emails = !user ? null : p.email() == null ? List.of() : List.of(new Email(p.email(), "work", true));
        return new Resource(List.of(kind.schema()), String.valueOf(p.id()),
                user ? p.name() : null,
                user ? null : p.name(),
                p.displayName(),
                emails,
                p.active(),
                p.admin(),
                new Meta(kind.resourceType, p.createdAt().toString()));
    }

    static ListResponse list(List<Resource> page, int total, int startIndex) {
        return new ListResponse(List.of(LIST_SCHEMA), total, startIndex, page.size(), page);
    }
}
