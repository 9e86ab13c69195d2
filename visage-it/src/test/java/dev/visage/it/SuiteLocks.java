package dev.visage.it;

/**
 * What integration test classes share besides the suite's server, named for {@code @ResourceLock}
 * so that two classes using one of them never run at the same time (junit-platform.properties runs
 * two classes at once). Classes that stop, pause or crash something every class uses (the broker,
 * the database, a queue's consumers) are {@code @Isolated} instead.
 */
final class SuiteLocks {

    /** The build's second Liberty server ({@code visage-test-<port>-2}): one instance at a time. */
    static final String SECOND_INSTANCE = "visage.second-instance";
    /**
     * The suite server's batch consumer: BatchDurabilityIT pauses it (its digest must run on the second
     * instance it kills); the classes that digest or upload batches take it for reading.
     */
    static final String BATCH_CONSUMER = "visage.batch-consumer";
    /** The dead-letter queue, read with selectors that another class's dead letters could also match. */
    static final String DEAD_LETTER_QUEUE = "visage.DLQ";

    private SuiteLocks() {
    }
}
