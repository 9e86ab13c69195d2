package dev.visage.console.application;

import java.util.List;

/** Every Visage queue with its counters and rates. */
public interface QueueMonitor {

    List<QueueView> queues();
}
