package dev.lakegate.server.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakegate.server.store.GroupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One entry of an endpoint's access control list: a user, service principal or group by name, and
 * a level. Read from YAML {@code permissions:} and from the permissions API with the same rules.
 */
public record AccessControl(GranteeKind kind, String name, PermissionLevel level) {

    /** What an endpoint without {@code permissions:} allows: everyone may query it. */
    public static final List<AccessControl> DEFAULT = List.of(new AccessControl(GranteeKind.GROUP, GroupRecord.USERS, PermissionLevel.CAN_QUERY));

    /** Exactly one of the three names, as in the managed product's {@code access_control_list}. */
    @JsonCreator
    public static AccessControl of(@JsonProperty("user_name") String userName, @JsonProperty("group_name") String groupName,
            @JsonProperty("service_principal_name") String servicePrincipalName, @JsonProperty("permission_level") String level) {
        List<AccessControl> named = new ArrayList<>(1);
        PermissionLevel parsed = level(level);
        if (userName != null) {
            named.add(new AccessControl(GranteeKind.USER, userName, parsed));
        }
        if (groupName != null) {
            named.add(new AccessControl(GranteeKind.GROUP, groupName, parsed));
        }
        if (servicePrincipalName != null) {
            named.add(new AccessControl(GranteeKind.SERVICE_PRINCIPAL, servicePrincipalName, parsed));
        }
        if (named.size() != 1 || named.getFirst().name().isBlank()) {
            throw GovernanceErrors.invalid("an access control entry names exactly one of user_name, group_name or service_principal_name,"
                    + " e.g. {\"group_name\": \"users\", \"permission_level\": \"CAN_QUERY\"}");
        }
        return named.getFirst();
    }

    private static PermissionLevel level(String level) {
        if (level == null) {
            throw GovernanceErrors.invalid("an access control entry needs permission_level: CAN_QUERY or CAN_MANAGE");
        }
        try {
            return PermissionLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GovernanceErrors.invalid("unknown permission_level '" + level + "': use CAN_QUERY or CAN_MANAGE");
        }
    }

    /** Whether this entry names {@code caller}: the principal itself, or one of its groups ({@code users} included). */
    public boolean names(Caller caller) {
        Principal p = caller.principal();
        return switch (kind) {
            case USER, SERVICE_PRINCIPAL -> kind == GranteeKind.of(p.type()) && name.equalsIgnoreCase(p.name());
            case GROUP -> caller.groups().contains(name);
        };
    }
}
