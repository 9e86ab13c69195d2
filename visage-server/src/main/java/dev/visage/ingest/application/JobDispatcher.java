package dev.visage.ingest.application;

import java.util.UUID;

/** Hands a job to the workers (a JMS queue); joins the caller's transaction. */
public interface JobDispatcher {

    void dispatch(UUID jobId, String tenantId);
}
