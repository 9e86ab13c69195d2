package dev.visage.dedup.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-tenant in-memory copies of dedup_images ({@link HashIndex}), with PostgreSQL as the
 * truth. A tenant is loaded in the background on its first lookup (lookups use SQL meanwhile)
 * and kept current three ways:
 * <ul>
 * <li>rows this instance commits are added after the commit ({@link #committed});</li>
 * <li>{@link #catchUp()} (every second) reads the rows written since the tenant's floor, a
 *     transaction-id below which every transaction had ended before the previous read
 *     ({@link DedupRows#floor()}). A row written by a transaction at or above the floor is read
 *     again until its transaction falls below a later floor, so a row committed late (after
 *     rows with larger ids) is still read: no committed row is missed for longer than one
 *     catch-up after its commit. {@link HashIndex#put} makes reading a row twice harmless;</li>
 * <li>a flush anywhere bumps a generation row; a catch-up that sees another generation
 *     than its tenant loaded with drops the tenant (reloaded on the next lookup).</li>
 * </ul>
 * Rows deleted by a flush or a purge elsewhere may linger here until then, which is why a hit
 * is read back from the table before it counts. Lookups fall back to SQL (empty answer from
 * {@link #near}) for a tenant that is loading, over the entry cap, beyond the tenant cap, or
 * not caught up for {@code staleAfter}.
 */
public final class TenantIndexes {

    private static final Logger LOG = Logger.getLogger(TenantIndexes.class.getName());

    /** Tenant and entry caps: past them a tenant stays on the SQL path, so memory stays bounded. */
    public record Limits(int maxTenants, long maxEntries, Duration staleAfter, Duration retryTooLargeAfter) {
    }

    /** What is held: for stats and the benchmark. */
    public record Held(int tenants, int loaded, long entries, long bytes) {
    }

    private final DedupRows rows;
    private final Executor loader;
    private final Clock clock;
    private final int maxHamming;
    private final Limits limits;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final AtomicLong entries = new AtomicLong();

    public TenantIndexes(DedupRows rows, Executor loader, Clock clock, int maxHamming, Limits limits) {
        this.rows = rows;
        this.loader = loader;
        this.clock = clock;
        this.maxHamming = maxHamming;
        this.limits = limits;
    }

    /**
     * The tenant's live entries within maxHamming of the hash, closest first; empty when the
     * caller must ask the table instead (loading, capped, or stale).
     */
    public Optional<HashIndex.Candidates> near(String tenantId, long phash) {
        Tenant t = tenants.get(tenantId);
        if (t == null) {
            startLoad(tenantId);
            return Optional.empty();
        }
        if (t.tooLargeAt != 0 && clock.millis() - t.tooLargeAt > limits.retryTooLargeAfter().toMillis()) {
            tenants.remove(tenantId, t);  // a retry: the tenant may have shrunk since
            return Optional.empty();
        }
        t.lock.readLock().lock();
        try {
            if (t.index == null || clock.millis() - t.freshAt > limits.staleAfter().toMillis()) {
                return Optional.empty();
            }
            return Optional.of(t.index.near(phash, maxHamming, clock.instant().getEpochSecond()));
        } finally {
            t.lock.readLock().unlock();
        }
    }

    /** A row this instance wrote has committed (called after the commit, never before). */
    public void committed(String tenantId, long id, long phash, long expiresEpochSecond) {
        Tenant t = tenants.get(tenantId);
        if (t == null) {
            return;  // not loaded: its load or catch-up reads the row
        }
        add(t, tenantId, id, phash, expiresEpochSecond);
    }

    /** A flush of the tenant (every tenant when empty) committed here: forget at once. */
    public void flushed(Optional<String> tenantId) {
        if (tenantId.isPresent()) {
            drop(tenantId.get(), tenants.get(tenantId.get()));
        } else {
            tenants.forEach(this::drop);
        }
    }

    /** Reads the rows the loaded tenants' floors call for, and drops tenants flushed elsewhere. */
    public void catchUp() {
        Map<String, Tenant> ready = new java.util.HashMap<>();
        long from = Long.MAX_VALUE;
        for (Map.Entry<String, Tenant> e : tenants.entrySet()) {
            Tenant t = e.getValue();
            t.lock.readLock().lock();
            try {
                if (t.index != null) {
                    ready.put(e.getKey(), t);
                    from = Math.min(from, t.floor);
                }
            } finally {
                t.lock.readLock().unlock();
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        long now = clock.millis();
        long floor = rows.floor();  // before the reads: conservative
        Map<String, Long> generations = rows.generations();
        ready.entrySet().removeIf(e -> {
            if (e.getValue().generation != generations.getOrDefault(e.getKey(), 0L)
                    || e.getValue().globalGeneration != generations.getOrDefault("", 0L)) {
                drop(e.getKey(), e.getValue());
                return true;
            }
            return false;
        });
        List<String> ids = new ArrayList<>(ready.keySet());
        rows.writtenSince(from, ids, (tenantId, id, phash, expires) -> {
            Tenant t = ready.get(tenantId);
            if (t != null) {
                add(t, tenantId, id, phash, expires);
            }
        });
        for (Tenant t : ready.values()) {
            t.lock.writeLock().lock();
            try {
                t.floor = Math.max(t.floor, floor);
                t.freshAt = now;
            } finally {
                t.lock.writeLock().unlock();
            }
        }
    }

    /** Drops expired entries; returns how many. */
    public long purge() {
        long removed = 0;
        long now = clock.instant().getEpochSecond();
        for (Tenant t : tenants.values()) {
            t.lock.writeLock().lock();
            try {
                if (t.index != null) {
                    int n = t.index.purge(now);
                    entries.addAndGet(-n);
                    removed += n;
                }
            } finally {
                t.lock.writeLock().unlock();
            }
        }
        return removed;
    }

    public Held held() {
        int loaded = 0;
        long bytes = 0;
        for (Tenant t : tenants.values()) {
            t.lock.readLock().lock();
            try {
                if (t.index != null) {
                    loaded++;
                    bytes += t.index.bytes();
                }
            } finally {
                t.lock.readLock().unlock();
            }
        }
        return new Held(tenants.size(), loaded, entries.get(), bytes);
    }

    /** Loads the tenant now, on the caller's thread (the benchmark; lookups load in the background). */
    public void load(String tenantId) {
        Tenant t = new Tenant();
        tenants.put(tenantId, t);
        load(tenantId, t);
    }

    private void startLoad(String tenantId) {
        if (tenants.size() >= limits.maxTenants()) {
            return;
        }
        Tenant t = new Tenant();
        if (tenants.putIfAbsent(tenantId, t) == null) {
            loader.execute(() -> load(tenantId, t));
        }
    }

    private void load(String tenantId, Tenant t) {
        try {
            long started = clock.millis();
            long floor = rows.floor();
            Map<String, Long> generations = rows.generations();
            HashIndex index = new HashIndex(clock.instant().getEpochSecond(), 1024);
            long[] budget = {limits.maxEntries() - entries.get()};
            boolean[] tooLarge = {false};
            rows.load(tenantId, (tenant, id, phash, expires) -> {
                if (index.size() >= budget[0]) {
                    tooLarge[0] = true;  // keep draining the stream; nothing more is held
                } else {
                    index.add(id, phash, expires);
                }
            });
            t.lock.writeLock().lock();
            try {
                if (tooLarge[0]) {
                    t.tooLargeAt = clock.millis();
                    LOG.info(() -> "dedup: tenant " + tenantId + " does not fit the in-memory entry cap ("
                            + limits.maxEntries() + "); it uses the SQL path");
                    return;
                }
                index.trim();
                t.index = index;
                t.floor = floor;
                t.generation = generations.getOrDefault(tenantId, 0L);
                t.globalGeneration = generations.getOrDefault("", 0L);
                t.freshAt = clock.millis();
                entries.addAndGet(index.size());
                LOG.info(() -> "dedup: tenant " + tenantId + " in memory, " + index.size() + " entries loaded in "
                        + (clock.millis() - started) + " ms");
            } finally {
                t.lock.writeLock().unlock();
            }
            if (tenants.get(tenantId) != t) {
                release(t);  // flushed while loading
            }
        } catch (RuntimeException e) {
            tenants.remove(tenantId, t);
            LOG.log(Level.INFO, "dedup: loading tenant " + tenantId + " failed, the next lookup retries: " + e.getMessage());
        }
    }

    private void add(Tenant t, String tenantId, long id, long phash, long expires) {
        boolean over = false;
        t.lock.writeLock().lock();
        try {
            if (t.index != null && t.index.put(id, phash, expires)) {
                over = entries.incrementAndGet() > limits.maxEntries();
            }
        } finally {
            t.lock.writeLock().unlock();
        }
        if (over) {
            drop(tenantId, t);
            Tenant capped = new Tenant();
            capped.tooLargeAt = clock.millis();
            tenants.putIfAbsent(tenantId, capped);
        }
    }

    private void drop(String tenantId, Tenant t) {
        if (t != null && tenants.remove(tenantId, t)) {
            release(t);
        }
    }

    private void release(Tenant t) {
        t.lock.writeLock().lock();
        try {
            if (t.index != null) {
                entries.addAndGet(-t.index.size());
                t.index = null;
            }
        } finally {
            t.lock.writeLock().unlock();
        }
    }

    /** One tenant's state; fields guarded by the lock (tooLargeAt is written once, before others see it). */
    private static final class Tenant {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        HashIndex index;
        long floor;
        long generation;
        long globalGeneration;
        long freshAt;
        volatile long tooLargeAt;
    }
}
