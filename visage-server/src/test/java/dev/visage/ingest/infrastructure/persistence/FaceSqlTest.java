package dev.visage.ingest.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.ingest.application.DedicatedIndexes;
import org.junit.jupiter.api.Test;

class FaceSqlTest {

    @Test
    void theRowEstimateComesFromThePlansTopLine() {
        assertEquals(20, FaceSql.estimatedRows(
                "Index Scan using faces_tenant_group_idx on faces f  (cost=0.29..8.30 rows=20 width=4)"));
        assertEquals(100000, FaceSql.estimatedRows("Seq Scan on faces f  (cost=0.00..5123.00 rows=100000 width=4)"));
        assertThrows(IllegalStateException.class, () -> FaceSql.estimatedRows("Result"));
    }

    @Test
    void vectorsAndModelsRoundTrip() {
        float[] v = {0.25f, -1.5f, 3.0e-5f};
        assertArrayEquals(v, FaceSql.parse(FaceSql.literal(v)));
        assertArrayEquals(new String[] {"faceres", "human-models-3.0.4"}, FaceSql.split("faceres@human-models-3.0.4"));
        assertThrows(IllegalArgumentException.class, () -> FaceSql.split("faceres"));
        assertThrows(IllegalArgumentException.class, () -> FaceSql.dims(3));
    }

    @Test
    void efSearchDoublesForEveryTenfoldGraphBeyondItsRows() {
        assertEquals(100, FaceSql.scaledEfSearch(100, 5_000, 5_000, 100_000), "small graphs keep the default");
        assertEquals(100, FaceSql.scaledEfSearch(100, 100_000, 100_000, 100_000));
        assertEquals(200, FaceSql.scaledEfSearch(100, 1_000_000, 1_000_000, 100_000), "1M faces: twice");
        assertEquals(400, FaceSql.scaledEfSearch(100, 10_000_000, 10_000_000, 100_000), "10M faces: four times");
        assertEquals(100, FaceSql.scaledEfSearch(100, 50_000_000, 50_000_000, 0), "0 switches the scaling off");
    }

    @Test
    void aFilterDividesEfSearchByTheShareOfTheGraphItKeepsUpToPgvectorsMaximum() {
        assertEquals(500, FaceSql.scaledEfSearch(100, 10_000, 50_000, 100_000), "a fifth of a small graph");
        assertEquals(1000, FaceSql.scaledEfSearch(100, 100_000, 1_000_000, 100_000), "10 % of 1M: 2000, capped");
        assertEquals(100, FaceSql.scaledEfSearch(100, 0, 0, 100_000), "an empty table");
        assertEquals(200, FaceSql.scaledEfSearch(100, 1_000_000, 0, 100_000),
                "a graph not analysed yet counts as the candidates");
    }

    @Test
    void aDedicatedIndexIsNamedByItsScopeAndItsPredicateHoldsTheScopeAsLiterals() {
        DedicatedIndexes.Scope tenant = new DedicatedIndexes.Scope("acme", null, 128);
        DedicatedIndexes.Scope site = new DedicatedIndexes.Scope("acme", "gate-1", 128);
        String name = FaceSql.dedicatedIndexName(tenant);
        assertTrue(name.matches("faces_dedicated_128_[0-9a-f]{16}"), name);
        assertEquals(name, FaceSql.dedicatedIndexName(new DedicatedIndexes.Scope("acme", null, 128)), "stable");
        assertNotEquals(name, FaceSql.dedicatedIndexName(site));
        assertNotEquals(name, FaceSql.dedicatedIndexName(new DedicatedIndexes.Scope("acme", "", 128)), "no site is not ''");
        assertNotEquals(name, FaceSql.dedicatedIndexName(new DedicatedIndexes.Scope("acme", null, 512)));
        assertEquals("vector_dims(embedding) = 128 AND tenant_id = 'acme'", FaceSql.dedicatedPredicate(tenant, ""));
        assertEquals("vector_dims(f.embedding) = 128 AND f.tenant_id = 'acme' AND f.site = 'gate-1'",
                FaceSql.dedicatedPredicate(site, "f"));
        assertEquals("f.site = 'O''Brien''s; DROP TABLE faces; --'", FaceSql.dedicatedPredicate(
                new DedicatedIndexes.Scope("acme", "O'Brien's; DROP TABLE faces; --", 128), "f").split(" AND ")[2],
                "quotes are doubled: the literal cannot end early");
        assertThrows(IllegalArgumentException.class, () -> FaceSql.quote("a\u0000b"));
    }
}
