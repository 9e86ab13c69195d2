-- Striped counters (CounterShards): every counter row becomes up to 16 rows, one per writer
-- shard, that readers add up. Existing values stay in shard 0. Adding a column with a constant
-- default rewrites nothing; the new primary keys are built over tables of a few thousand rows.
ALTER TABLE dedup_counters ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE dedup_counters DROP CONSTRAINT dedup_counters_pkey, ADD PRIMARY KEY (tenant_id, name, shard);
