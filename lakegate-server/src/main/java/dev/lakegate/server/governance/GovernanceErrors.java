package dev.lakegate.server.governance;

import dev.lakegate.protocol.error.ErrorCategory;
import dev.lakegate.protocol.error.GatewayError;
import dev.lakegate.protocol.error.GatewayException;

/** The errors of principal and token management; messages name the problem and the fix. */
public final class GovernanceErrors {
    /** HTTP 409: the error model has no conflict category, so an invalid request carries it. */
    public static final int CONFLICT = 409;

    private GovernanceErrors() {}

    public static GatewayException invalid(String message) {
        return new GatewayException(ErrorCategory.INVALID_REQUEST, message);
    }

    public static GatewayException conflict(String message) {
        return new GatewayException(GatewayError.of(ErrorCategory.INVALID_REQUEST, message).withStatus(CONFLICT));
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(ErrorCategory.NOT_FOUND, message);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCategory.PERMISSION, message);
    }
}
