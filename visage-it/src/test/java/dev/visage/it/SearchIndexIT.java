package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V18_1: the faces of every recogniser size are searched through a valid half-precision HNSW index with the
 * graph parameters the search benchmark chose (docs/BENCHMARKS.md "Search"), and the full-precision indexes it
 * replaced are gone (inserts would otherwise maintain two graphs); and the private cluster keeps the graphs in
 * memory (scripts/postgres.sh).
 */
class SearchIndexIT {

    @Test
    void facesAreIndexedInHalfPrecisionForEveryRecogniserSize() {
        Waits.until(Duration.ofSeconds(60), () -> Api.server().get("/ready"), x -> x.status() == 200, "ready");
        List<String> hnsw = Db.list("SELECT c.relname || ' ' || i.indisvalid || ' ' || pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                + " WHERE i.indrelid = 'faces'::regclass AND a.amname = 'hnsw' ORDER BY 1", rs -> rs.getString(1));
        assertEquals(5, hnsw.size(), hnsw::toString);
        for (int dims : new int[] {128, 192, 256, 512, 1024}) {
            String name = "faces_embedding_" + dims + "_halfvec";
            String index = hnsw.stream().filter(d -> d.startsWith(name + " ")).findFirst().orElseThrow(
                    () -> new AssertionError("no " + name + " in " + hnsw));
            assertTrue(index.startsWith(name + " true "), "valid: " + index);
            assertTrue(index.contains("((embedding)::halfvec(" + dims + ")) halfvec_cosine_ops"), index);
            assertTrue(index.contains("m='24'") && index.contains("ef_construction='64'"), index);
            assertTrue(index.contains("WHERE (vector_dims(embedding) = " + dims + ")"), index);
        }
    }

    @Test
    void thePrivateClusterKeepsTheGraphsInMemoryAndBuildsThemInMemory() {
        assertEquals(List.of("2GB"), Db.list("SELECT current_setting('shared_buffers')", rs -> rs.getString(1)));
        assertEquals(List.of("2GB"), Db.list("SELECT current_setting('maintenance_work_mem')", rs -> rs.getString(1)));
        // (pg_prewarm's autoprewarm is not visible to the application's role: its log line says "autoprewarm
        // successfully prewarmed N of N previously-loaded blocks" after a restart)
    }
}
