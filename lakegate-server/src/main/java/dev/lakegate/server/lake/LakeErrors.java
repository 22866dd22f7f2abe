package dev.lakegate.server.lake;

import dev.lakegate.lake.catalog.CatalogException;
import dev.lakegate.lake.catalog.Privilege;
import dev.lakegate.lake.catalog.Securable;
import dev.lakegate.lake.delta.DeltaTableException;
import dev.lakegate.lake.query.SqlException;
import dev.lakegate.lake.sql.Pos;
import dev.lakegate.lake.sql.SqlParseException;
import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;

/**
 * The lake's errors as gateway errors: bad SQL 400 (with line and column), unknown objects 404, a
 * missing privilege 403 (naming privilege and object), an existing object 409, DuckDB's own
 * messages 400.
 */
final class LakeErrors {
    private LakeErrors() {}

    static GatewayException invalid(String message) {
        return new GatewayException(ErrorCategory.INVALID_REQUEST, message);
    }

    static GatewayException notFound(Securable name) {
        return notFound(CatalogErrors.kind(name) + " " + name.fullName() + " does not exist");
    }

    static GatewayException notFound(Securable name, Pos at) {
        return notFound(at + ": " + CatalogErrors.kind(name) + " " + name.fullName() + " does not exist");
    }

    static GatewayException notFound(String message) {
        return new GatewayException(ErrorCategory.NOT_FOUND, message);
    }

    static GatewayException denied(String who, Privilege privilege, Securable on) {
        return new GatewayException(ErrorCategory.PERMISSION, who + " does not have " + privilege + " on "
                + CatalogErrors.kind(on) + " " + on.fullName() + "; an admin or the owner can run: GRANT "
                + privilege.sql() + " ON " + on.type() + " " + on.fullName() + " TO `" + who + "`");
    }

    static GatewayException denied(String message) {
        return new GatewayException(ErrorCategory.PERMISSION, message);
    }

    /** {@code e}, raised while reading the definition of {@code view}: the message says so (positions are in the definition). */
    static GatewayException inView(Securable view, GatewayException e) {
        GatewayError error = e.error();
        return new GatewayException(new GatewayError(error.category(), error.status(), "in view " + view.fullName() + ": "
                + error.message(), error.retryAfter(), error.param()));
    }

    /** The lake module's exceptions as gateway errors; anything else is left to the caller. */
    static RuntimeException translate(RuntimeException e) {
        return switch (e) {
            case GatewayException g -> g;
            case SqlParseException p -> invalid(p.getMessage());
            case SqlException q -> invalid(q.getMessage());
            case DeltaTableException d -> invalid(d.getMessage());
            case CatalogException c -> switch (c.kind()) {
                case NOT_FOUND -> notFound(c.getMessage());
                case ALREADY_EXISTS -> new GatewayException(GatewayError.of(ErrorCategory.INVALID_REQUEST, c.getMessage()).withStatus(409));
                case NOT_EMPTY, INVALID -> invalid(c.getMessage());
            };
            default -> e;
        };
    }
}
