package dev.visage.ingest.application;

/** Port: puts one message's JSON on the ingest queue inside the caller's transaction. */
public interface IngestDispatcher {

    void send(String json);
}
