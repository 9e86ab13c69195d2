package dev.visage.contracts.messaging;

/**
 * The default names of the queues other applications talk to. The server reads its names from
 * MicroProfile Config (visage.queue.*, defaults equal to these; QueuesContractTest keeps them so),
 * so an installation may rename them; clients take these unless told otherwise.
 */
public final class Queues {

    /** Photos to process: {@link dev.visage.contracts.ingest.IngestMessage} as JSON text. */
    public static final String INGEST = "visage.ingest";
    /** Request/reply of the kiosk recognition API: {@link dev.visage.contracts.recognition.Operation}. */
    public static final String RECOGNITION_REQUESTS = "visage.recognition.requests";
    /** Where messages that cannot be processed are parked, with {@link DeadLetterProperties}. */
    public static final String DEAD_LETTER = "visage.DLQ";

    private Queues() {
    }
}
