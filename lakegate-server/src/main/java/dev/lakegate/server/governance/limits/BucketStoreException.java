package dev.lakegate.server.governance.limits;

/** The bucket store could not answer (Redis unreachable or too slow); the limiter decides whether to admit anyway. */
public final class BucketStoreException extends RuntimeException {
    public BucketStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
