package dev.lakegate.server.store;

import dev.lakegate.server.governance.GranteeKind;
import dev.lakegate.server.governance.PermissionLevel;

/** A stored endpoint permission: the grantee by id (a principal's or a group's), so renames keep it. */
public record AclEntry(GranteeKind kind, long granteeId, PermissionLevel level) {}
