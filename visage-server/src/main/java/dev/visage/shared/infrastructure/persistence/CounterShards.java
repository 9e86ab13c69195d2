package dev.visage.shared.infrastructure.persistence;

/**
 * Striped counter rows. Every message adds to the same few counters (the tenant's and the global
 * ones); with one row per counter, concurrent transactions queued on that row's lock until the
 * holder's two-phase commit ended, so four workers ran one after the other through the rest of
 * the transaction (docs/BENCHMARKS.md, "Counter rows"). Each counter is instead spread over
 * {@link #SHARDS} rows that readers add up, and a transaction writes the shard of the thread it
 * runs on: transactions on different threads touch different rows, and one transaction uses one
 * shard in every counter table, so rows are still locked in one global order (no deadlocks).
 */
public final class CounterShards {

    /** Rows per counter; more than the consumer sessions of any instance's default setting. */
    public static final int SHARDS = 16;

    private CounterShards() {
    }

    /** The shard the current thread writes (a transaction runs on one thread). */
    public static short current() {
        return (short) Math.floorMod(Thread.currentThread().getId(), SHARDS);
    }
}
