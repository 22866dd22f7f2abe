package dev.lakegate.protocol.error;

/** Carries a {@link GatewayError} out of the pipeline to the surface that renders it. */
public final class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayException(ErrorCategory category, String message) {
        this(GatewayError.of(category, message));
    }

    public GatewayError error() {
        return error;
    }
}
