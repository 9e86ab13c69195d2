-- Dedup owns V60-V69 (V11 predates the split: dedup started inside ingest's range).
-- The in-process near-duplicate index (dev.visage.dedup.domain.TenantIndexes) keeps each
-- instance's copy of dedup_images current with two columns:
--   id    a stable compact reference to the row: the index holds it, and a hit reads the
--         row back by it (the row, not memory, is the truth);
--   txid  the transaction that last wrote the row (insert or refresh). Catch-up reads the rows
--         with txid >= the xmin of its previous snapshot: every transaction below that xmin had
--         ended before the previous read, so no committed row is missed whatever order the
--         transactions commit in (a sequence would not say that: ids are drawn before commit).
ALTER TABLE dedup_images ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE dedup_images ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE UNIQUE INDEX dedup_images_id_idx ON dedup_images (id);
CREATE INDEX dedup_images_txid_idx ON dedup_images (txid);

-- One row per flushed scope ('' = every tenant), bumped by each flush: other instances drop
-- their copy of a tenant when its generation (or the global one) changes.
CREATE TABLE dedup_flushes (
    tenant_id  varchar(64) PRIMARY KEY,
    generation bigint      NOT NULL
);
