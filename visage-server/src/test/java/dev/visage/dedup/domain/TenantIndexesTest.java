package dev.visage.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TenantIndexesTest {

    static final long NOW = 1_800_000_000L;
    static final TenantIndexes.Limits ROOMY = new TenantIndexes.Limits(10, 1_000, Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    /**
     * A table with transactions: ids are drawn when a row is written, the row is seen once its
     * transaction commits, and the floor is the smallest transaction still running.
     */
    static final class FakeTable implements DedupRows {
        record Row(String tenant, long id, long phash, long expires, long txid) {
        }

        final List<Row> committed = new ArrayList<>();
        final Map<Long, List<Row>> running = new HashMap<>();
        final Map<String, Long> generations = new HashMap<>();
        long nextTx = 100;
        long nextId = 1;

        long begin() {
            running.put(nextTx, new ArrayList<>());
            return nextTx++;
        }

        long write(long tx, String tenant, long phash) {
            long id = nextId++;
            running.get(tx).add(new Row(tenant, id, phash, NOW + 3600, tx));
            return id;
        }

        void commit(long tx) {
            committed.addAll(running.remove(tx));
        }

        void flush(String tenant) {
            committed.removeIf(r -> tenant.isEmpty() || r.tenant().equals(tenant));
            generations.merge(tenant, 1L, Long::sum);
        }

        @Override
        public long floor() {
            return running.isEmpty() ? nextTx : new TreeSet<>(running.keySet()).first();
        }

        @Override
        public Map<String, Long> generations() {
            return Map.copyOf(generations);
        }

        @Override
        public void load(String tenantId, Sink sink) {
            committed.stream().filter(r -> r.tenant().equals(tenantId))
                    .forEach(r -> sink.row(r.tenant(), r.id(), r.phash(), r.expires()));
        }

        @Override
        public void writtenSince(long floor, Collection<String> tenantIds, Sink sink) {
            committed.stream().filter(r -> r.txid() >= floor && tenantIds.contains(r.tenant()))
                    .forEach(r -> sink.row(r.tenant(), r.id(), r.phash(), r.expires()));
        }
    }

    static final class MutableClock extends Clock {
        long millis = NOW * 1000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    final FakeTable table = new FakeTable();
    final MutableClock clock = new MutableClock();

    TenantIndexes indexes(TenantIndexes.Limits limits) {
        return new TenantIndexes(table, Runnable::run, clock, 8, limits);
    }

    static List<Long> ids(Optional<HashIndex.Candidates> c) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < c.orElseThrow().size(); i++) {
            out.add(c.get().id(i));
        }
        return out;
    }

    long committedRow(String tenant, long phash) {
        long tx = table.begin();
        long id = table.write(tx, tenant, phash);
        table.commit(tx);
        return id;
    }

    @Test
    void theFirstLookupLoadsTheTenantAndAnswersBySqlMeanwhile() {
        long id = committedRow("a", 0xF0F0L);
        TenantIndexes indexes = indexes(ROOMY);
        assertTrue(indexes.near("a", 0xF0F1L).isEmpty(), "the first lookup starts the load and asks SQL");
        assertEquals(List.of(id), ids(indexes.near("a", 0xF0F1L)));
        assertEquals(List.of(), ids(indexes.near("a", ~0xF0F0L)));
        assertTrue(indexes.near("b", 0xF0F0L).isEmpty(), "another tenant is loaded on its own");
        assertEquals(List.of(), ids(indexes.near("b", 0xF0F0L)), "tenant a's rows are not tenant b's");
    }

    @Test
    void aRowCommittedAfterALargerIdIsStillCaughtUp() {
        TenantIndexes indexes = indexes(ROOMY);
        indexes.near("a", 0L);
        long slow = table.begin();
        long early = table.write(slow, "a", 0x1111L);    // id drawn first ...
        long fast = table.begin();
        long late = table.write(fast, "a", 0xFFFF000000000000L);
        table.commit(fast);
        indexes.catchUp();
        assertEquals(List.of(late), ids(indexes.near("a", 0xFFFF000000000000L)));
        assertEquals(List.of(), ids(indexes.near("a", 0x1111L)), "not committed yet");
        table.commit(slow);                              // ... committed last
        indexes.catchUp();
        assertEquals(List.of(early), ids(indexes.near("a", 0x1111L)));
        indexes.catchUp();
        assertEquals(List.of(late), ids(indexes.near("a", 0xFFFF000000000000L)), "read twice, held once");
        assertEquals(2, indexes.held().entries());
    }

    @Test
    void rowsCommittedHereAreSeenAtOnceAndFlushesClearTheTenant() {
        TenantIndexes indexes = indexes(ROOMY);
        indexes.near("a", 0L);
        long tx = table.begin();
        long id = table.write(tx, "a", 0x3333L);
        table.commit(tx);
        indexes.committed("a", id, 0x3333L, NOW + 3600);
        assertEquals(List.of(id), ids(indexes.near("a", 0x3333L)), "no catch-up needed");
        table.flush("a");
        indexes.flushed(Optional.of("a"));
        assertTrue(indexes.near("a", 0x3333L).isEmpty(), "forgotten here at once; reloading");
        assertEquals(List.of(), ids(indexes.near("a", 0x3333L)));
    }

    @Test
    void aFlushElsewhereIsSeenByTheNextCatchUp() {
        committedRow("a", 0x4444L);
        committedRow("b", 0x4444L);
        TenantIndexes indexes = indexes(ROOMY);
        indexes.near("a", 0L);
        indexes.near("b", 0L);
        table.flush("a");                                 // another instance's flush
        indexes.catchUp();
        assertTrue(indexes.near("a", 0x4444L).isEmpty(), "dropped, reloading");
        assertEquals(List.of(), ids(indexes.near("a", 0x4444L)));
        assertEquals(1, ids(indexes.near("b", 0x4444L)).size(), "tenant b untouched");
        table.flush("");                                  // everything
        indexes.catchUp();
        assertTrue(indexes.near("b", 0x4444L).isEmpty());
    }

    @Test
    void aTenantOverTheEntryCapStaysOnTheSqlPath() {
        for (int i = 0; i < 5; i++) {
            committedRow("big", i * 0x0101010101L);
        }
        committedRow("small", 1L);
        TenantIndexes indexes = indexes(new TenantIndexes.Limits(10, 3, Duration.ofSeconds(10), Duration.ofMinutes(10)));
        indexes.near("big", 0L);
        assertTrue(indexes.near("big", 0L).isEmpty(), "5 rows do not fit 3");
        assertEquals(0, indexes.held().entries());
        indexes.near("small", 1L);
        assertEquals(1, ids(indexes.near("small", 1L)).size());
        for (int i = 0; i < 3; i++) {                     // grows past the cap: dropped
            long tx = table.begin();
            long id = table.write(tx, "small", 0x10L << i);
            table.commit(tx);
            indexes.committed("small", id, 0x10L << i, NOW + 3600);
        }
        assertTrue(indexes.near("small", 1L).isEmpty());
        assertEquals(0, indexes.held().entries());
    }

    @Test
    void theTenantCapLeavesNewTenantsOnTheSqlPath() {
        TenantIndexes indexes = indexes(new TenantIndexes.Limits(1, 100, Duration.ofSeconds(10), Duration.ofMinutes(10)));
        indexes.near("a", 0L);
        indexes.near("b", 0L);
        assertTrue(indexes.near("b", 0L).isEmpty());
        assertTrue(indexes.near("a", 0L).isPresent());
    }

    @Test
    void aTenantNotCaughtUpForTooLongGoesBackToSql() {
        TenantIndexes indexes = indexes(ROOMY);
        indexes.near("a", 0L);
        assertTrue(indexes.near("a", 0L).isPresent());
        clock.millis += 11_000;
        assertTrue(indexes.near("a", 0L).isEmpty(), "stale");
        indexes.catchUp();
        assertTrue(indexes.near("a", 0L).isPresent());
    }

    @Test
    void purgeDropsExpiredEntries() {
        committedRow("a", 5L);
        TenantIndexes indexes = indexes(ROOMY);
        indexes.near("a", 0L);
        clock.millis += 3_600_000;
        indexes.catchUp();
        assertEquals(List.of(), ids(indexes.near("a", 5L)));
        assertEquals(1, indexes.purge());
        assertEquals(0, indexes.held().entries());
    }
}
