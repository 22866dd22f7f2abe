package dev.lakegate.server.governance.limits;

/**
 * Where bucket state lives: this process ({@link LocalBucketStore}) or Redis, shared by every gateway
 * replica ({@link RedisBucketStore}). Every bucket renews its whole limit once per period, counted from
 * its first use (see docs/limits.md for why not a continuous refill). A bucket that does not exist yet
 * is created full.
 */
public interface BucketStore extends AutoCloseable {

    /** What a bucket said: whether it had room, what is left, and how long until it has room again. */
    record Probe(boolean admitted, long remaining, long nanosToWait) {}

    /** Takes one unit if there is one (a request against a requests bucket). */
    Probe take(BucketSpec bucket);

    /** Whether one unit could be taken, taking nothing (a tokens bucket at admission). */
    Probe peek(BucketSpec bucket);

    /** Returns units taken by a request that was refused after all, up to the bucket's limit. */
    void giveBack(BucketSpec bucket, long units);

    /** Takes units whether or not they are there: the bucket may go below zero, and then stays closed until renewals repay it. */
    void charge(BucketSpec bucket, long units);

    @Override
    void close();
}
