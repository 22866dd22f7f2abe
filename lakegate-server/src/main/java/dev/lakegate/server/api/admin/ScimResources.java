package dev.lakegate.server.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakegate.server.store.GroupRecord;
import dev.lakegate.server.store.PrincipalRecord;
import java.util.List;

/** SCIM-shaped answers; explicit property names keep the wire format independent of mapper settings. */
final class ScimResources {
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String GROUPS = "Groups";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private ScimResources() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resource(
            @JsonProperty("schemas") List<String> schemas,
            @JsonProperty("id") String id,
            @JsonProperty("userName") String userName,
            @JsonProperty("applicationId") String applicationId,
            @JsonProperty("displayName") String displayName,
            @JsonProperty("emails") List<Email> emails,
            @JsonProperty("groups") List<Ref> groups,
            @JsonProperty("active") boolean active,
            @JsonProperty("admin") boolean admin,
            @JsonProperty("meta") Meta meta) {}

    /** A group as the managed product shows it: {@code displayName} is its unique name. */
    record GroupResource(
            @JsonProperty("schemas") List<String> schemas,
            @JsonProperty("id") String id,
            @JsonProperty("displayName") String displayName,
            @JsonProperty("members") List<Ref> members,
            @JsonProperty("meta") Meta meta) {}

    record Email(@JsonProperty("value") String value, @JsonProperty("type") String type, @JsonProperty("primary") boolean primary) {}

    /** A reference to another resource: a group of a principal, or a member of a group. */
    record Ref(@JsonProperty("value") String value, @JsonProperty("display") String display, @JsonProperty("$ref") String ref) {}

    record Meta(@JsonProperty("resourceType") String resourceType, @JsonProperty("created") String created) {}

    record ListResponse(
            @JsonProperty("schemas") List<String> schemas,
            @JsonProperty("totalResults") int totalResults,
            @JsonProperty("startIndex") int startIndex,
            @JsonProperty("itemsPerPage") int itemsPerPage,
            @JsonProperty("Resources") List<?> resources) {}

    static Resource of(ScimKind kind, PrincipalRecord p, List<GroupRecord> groups) {
        boolean user = kind == ScimKind.USERS;
        List<Email> emails = !user ? null : p.email() == null ? List.of() : List.of(new Email(p.email(), "work", true));
        return new Resource(List.of(kind.schema()), String.valueOf(p.id()),
                user ? p.name() : null,
                user ? null : p.name(),
                p.displayName(),
                emails,
                groups.stream().map(g -> new Ref(String.valueOf(g.id()), g.name(), GROUPS + "/" + g.id())).toList(),
                p.active(),
                p.admin(),
                new Meta(kind.resourceType, p.createdAt().toString()));
    }

    static GroupResource of(GroupRecord g, List<PrincipalRecord> members) {
        return new GroupResource(List.of(GROUP_SCHEMA), String.valueOf(g.id()), g.name(),
                members.stream().map(m -> new Ref(String.valueOf(m.id()), m.name(), ScimKind.of(m.type()).segment + "/" + m.id())).toList(),
                new Meta("Group", g.createdAt().toString()));
    }

    static ListResponse list(List<?> page, int total, int startIndex) {
        return new ListResponse(List.of(LIST_SCHEMA), total, startIndex, page.size(), page);
    }
}
