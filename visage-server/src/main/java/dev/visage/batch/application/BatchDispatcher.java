package dev.visage.batch.application;

import java.util.List;
import java.util.UUID;

/** Port: puts item messages on the batch queue inside the caller's transaction. */
public interface BatchDispatcher {

    /**
     * @param group    JMS message group: items of one group are processed one at a time, so a job
     *                 spread over {@code threads} groups is processed by at most that many sessions
     * @param priority JMS priority 0-9
     */
    record ItemMessage(UUID jobId, UUID itemId, String tenantId, String group, int priority) {
    }

    void send(List<ItemMessage> messages);
}
