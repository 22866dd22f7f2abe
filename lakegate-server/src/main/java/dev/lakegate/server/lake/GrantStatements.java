package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.Catalog;
import dev.lakegate.lake.catalog.CatalogName;
import dev.lakegate.lake.catalog.Grant;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.SchemaName;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.catalog.TableName;
import dev.lakegate.lake.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * GRANT and REVOKE, by admins and by owners of the object (or of what contains it). The grantee
 * must be a known principal or group and is recorded under its own spelling, so grants match the names
 * callers authenticate as; REVOKE also accepts a name no longer known, to clean up after a deletion.
 */
final class GrantStatements {
    private final Catalog catalog;
    private final Function<String, Optional<String>> principals;

    /** @param principals a principal's name as stored, given any case of it; empty when unknown */
    GrantStatements(Catalog catalog, Function<String, Optional<String>> principals) {
        this.catalog = catalog;
        this.principals = principals;
    }

    StatementResult grant(Statement.GrantPrivileges g, Access access) {
        check(g.on(), access, "grant privileges on");
        String principal = principals.apply(g.principal()).orElseThrow(() -> LakeErrors.notFound("principal '" + g.principal()
                + "' does not exist; create the user, service principal or group first"));
        grants(g.privileges(), g.on(), principal).forEach(catalog::grant);
        return StatementResult.done();
    }

    StatementResult revoke(Statement.RevokePrivileges r, Access access) {
        check(r.on(), access, "revoke privileges on");
        String principal = principals.apply(r.principal()).orElse(r.principal());
        grants(r.privileges(), r.on(), principal).forEach(catalog::revoke);
        return StatementResult.done();
    }

    private void check(Securable on, Access access, String action) {
        boolean exists = switch (on) {
            case CatalogName c -> catalog.getCatalog(c).isPresent();
            case SchemaName s -> catalog.getSchema(s).isPresent();
            case TableName t -> catalog.getRelation(t).isPresent();
        };
        if (!exists) {
            throw LakeErrors.notFound(on);
        }
        access.requireWritable(on);
        access.requireManage(on, action);
    }

    private static List<Grant> grants(List<Privilege> privileges, Securable on, String principal) {
        return privileges.stream().map(p -> new Grant(on, principal, p)).toList();
    }
}
